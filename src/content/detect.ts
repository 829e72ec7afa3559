/**
 * Is this page a Keycloak admin console? The console's server renders its configuration as JSON in
 * `<script id="environment" type="application/json">` (keys such as `masterRealm`, `consoleBaseUrl`, `authServerUrl`),
 * and serves the console under `/admin/<realm>/console/`. Both must agree; the page title is never used (it is
 * translated and themable).
 */
// zod/mini: the content script runs on every admin-console page and must stay small.
import * as z from "zod/mini";
import { isConsolePath, parseConsolePath } from "../core/keycloak/console-routes.js";

const environmentSchema = z.object({
  masterRealm: z.string().check(z.minLength(1)),
  realm: z.optional(z.string()),
  consoleBaseUrl: z.optional(z.string()),
  authServerUrl: z.optional(z.string()),
  authUrl: z.optional(z.string()),
});

export interface KeycloakConsole {
  /** The realm the console logs in to (usually "master"). */
  readonly loginRealm: string;
  readonly consoleBaseUrl: string;
}

export function detectKeycloakConsole(doc: Document, url: string): KeycloakConsole | null {
  const script = doc.querySelector('script#environment[type="application/json"]');
  if (script === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(script.textContent ?? "");
  } catch {
    return null;
  }
  const environment = environmentSchema.safeParse(json);
  if (!environment.success) return null;
  const { consoleBaseUrl, authServerUrl, authUrl, realm } = environment.data;
  if (consoleBaseUrl === undefined && authServerUrl === undefined && authUrl === undefined) return null;
  const path = new URL(url).pathname;
  const match = parseConsolePath(consoleBaseUrl ?? path) ?? parseConsolePath(path);
  if (match === null || !isConsolePath(path)) return null;
  return { loginRealm: realm ?? match.loginRealm, consoleBaseUrl: consoleBaseUrl ?? path };
}
