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
    const url = new URL(request.url ?? "/", origin);
    idp.handle(request, response, url).then(
      (handled) => {
        if (!handled) {
          response.writeHead(404);
          response.end();
        }
      },
      (error: unknown) => {
        process.stderr.write(`IdP error: ${String(error)}\n`);
        response.writeHead(500);
        response.end(String(error));
      },
    );
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
