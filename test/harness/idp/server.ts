/** The IdP alone on a free 127.0.0.1 port, for tests that need no admin console. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createIdp, type IdpEvent, type IdpRealm } from "./idp.js";

export interface IdpServer {
  readonly origin: string;
  readonly events: IdpEvent[];
  realmUrl(realm: string): string;
  descriptorUrl(realm: string): string;
  certificatePem: string;
  close(): Promise<void>;
}

export async function startIdpServer(realms: () => readonly IdpRealm[]): Promise<IdpServer> {
  let origin = "";
  const events: IdpEvent[] = [];
  const idp = createIdp({ origin: () => origin, realm: (name) => realms().find((realm) => realm.name === name), onEvent: (event) => events.push(event) });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        const reply = idp.handle({ method: request.method ?? "GET", url: new URL(request.url ?? "/", origin), body: Buffer.concat(chunks).toString("utf8") });
        response.writeHead(reply?.status ?? 404, reply?.headers ?? {});
        response.end(reply?.body ?? "");
      } catch (error) {
        process.stderr.write(`IdP error: ${String(error)}\n`);
        response.writeHead(500);
        response.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    events,
    realmUrl: idp.realmUrl,
    descriptorUrl: (realm) => `${idp.realmUrl(realm)}/protocol/saml/descriptor`,
    certificatePem: idp.key.certificatePem,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
