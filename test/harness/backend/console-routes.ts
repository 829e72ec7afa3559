/**
 * The console itself, at the paths a Keycloak server uses: the page at `/admin/{realm}/console/`, its bundle under
 * `/resources/{version}/admin/keycloak.v2/`, and its messages at `/resources/{realm}/admin/{lang}`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, normalize } from "node:path";
import type { ConsoleBuild } from "../console/build.js";
import { parseProperties } from "./properties.js";
import { error, json, type HarnessRequest, type Route } from "./router.js";

/** The path segment a server puts in resource URLs to bust caches; any short token works. */
const resourceVersion = (build: ConsoleBuild) => `harness-${build.version}`;

export const resourceUrl = (build: ConsoleBuild) => `/resources/${resourceVersion(build)}/admin/keycloak.v2`;

/** The JSON a server renders into the page (`AdminEnvironment` of the console). */
function environment(request: HarnessRequest, build: ConsoleBuild, realm: string): Record<string, string | boolean> {
  return {
    serverBaseUrl: request.origin,
    adminBaseUrl: request.origin,
    authUrl: request.origin,
    authServerUrl: request.origin,
    realm,
    clientId: "security-admin-console",
    resourceUrl: resourceUrl(build),
    logo: "/logo.svg",
    logoUrl: "",
    consoleBaseUrl: `/admin/${realm}/console/`,
    masterRealm: "master",
    resourceVersion: resourceVersion(build),
    // Light theme always: screenshots must not depend on the desktop's colour scheme.
    darkMode: false,
  };
}

function page(request: HarnessRequest, build: ConsoleBuild, realm: string, lang: string): string {
  // `<` escaped so no value can close the script element.
  const env = JSON.stringify(environment(request, build, realm)).replaceAll("<", "\\u003c");
  const base = resourceUrl(build);
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" type="image/svg+xml" href="${base}/favicon.svg">
    <title>Keycloak Administration Console</title>
    <link rel="stylesheet" href="${base}/host.css">
    <script id="environment" type="application/json">${env}</script>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="${base}/host.js"></script>
  </body>
</html>
`;
}

export function consoleRoutes(build: ConsoleBuild, locale: () => string): Route[] {
  const messages = new Map<string, { key: string; value: string }[]>();
  /** A theme's messages for a language: English first, the language on top, as Keycloak's theme lookup falls back. */
  const messagesFor = (lang: string) => {
    const cached = messages.get(lang);
    if (cached) return cached;
    const read = (name: string) => {
      const file = join(build.messagesDir, `messages_${name}.properties`);
      return existsSync(file) ? parseProperties(readFileSync(file, "utf8")) : new Map<string, string>();
    };
    const merged = new Map([...read("en"), ...(lang === "en" ? [] : read(lang))]);
    const list = [...merged].map(([key, value]) => ({ key, value }));
    messages.set(lang, list);
    return list;
  };

  const consolePage: Route["handle"] = (request, params) => ({
    status: 200,
    text: page(request, build, params.realm ?? "master", locale()),
    contentType: "text/html; charset=utf-8",
  });

  return [
    { method: "GET", pattern: "/", handle: () => ({ status: 302, headers: { location: "/admin/master/console/" } }) },
    { method: "GET", pattern: "/admin", handle: () => ({ status: 302, headers: { location: "/admin/master/console/" } }) },
    { method: "GET", pattern: "/admin/:realm/console", handle: consolePage },
    {
      method: "GET",
      pattern: "/resources/:version/admin/keycloak.v2/*file",
      handle: (_request, params) => {
        const file = normalize(join(build.assetsDir, params.file ?? ""));
        if (!file.startsWith(build.assetsDir)) return error(404, "Not found");
        return { status: 200, file, headers: { "cache-control": "public, max-age=3600" } };
      },
    },
    {
      method: "GET",
      pattern: "/resources/:realm/admin/:lang",
      handle: (_request, params) => json(messagesFor(params.lang ?? "en")),
    },
  ];
}
