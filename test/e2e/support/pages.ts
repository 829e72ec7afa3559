/**
 * A tiny 127.0.0.1 server for the skeleton's browser tests: one page shaped like the Keycloak admin console's
 * index (the `environment` JSON the real server renders, under /admin/master/console/), and plain pages that are not.
 * The real console arrives with the test harness (test/harness); these pages only prove detection and injection.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const consolePage = (origin: string) => `<!doctype html><html><head><title>Keycloak Administration Console</title>
<script id="environment" type="application/json">${JSON.stringify({
  serverBaseUrl: origin,
  adminBaseUrl: origin,
  authUrl: origin,
  authServerUrl: origin,
  realm: "master",
  clientId: "security-admin-console",
  resourceUrl: `${origin}/resources/abc/admin/keycloak.v2`,
  consoleBaseUrl: "/admin/master/console/",
  masterRealm: "master",
  resourceVersion: "abc",
})}</script></head><body><div id="app">console</div></body></html>`;

/** Says "Keycloak" in its title, but is not a console: detection must not rely on text. */
const decoyPage = `<!doctype html><html><head><title>Keycloak Administration Console</title></head>
<body><h1>Keycloak Administration Console</h1><p>Just a page about Keycloak.</p></body></html>`;

export interface PageServer {
  readonly origin: string;
  readonly consoleUrl: string;
  readonly decoyUrl: string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  let origin = "";
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", origin).pathname;
    response.setHeader("content-type", "text/html; charset=utf-8");
    if (path.startsWith("/admin/master/console")) response.end(consolePage(origin));
    else if (path === "/decoy") response.end(decoyPage);
    else {
      response.statusCode = 404;
      response.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    consoleUrl: `${origin}/admin/master/console/#/acme/clients`,
    decoyUrl: `${origin}/decoy`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
