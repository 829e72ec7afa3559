/**
 * A route table: each part of the harness (admin REST API, console page, later the SAML IdP) contributes routes to
 * the one server, so they share an origin the way a Keycloak server's do.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface HarnessRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON when it is JSON, otherwise undefined. */
  json: Json | undefined;
  rawBody: Buffer;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
}

export type Reply =
  | { status: number; json: Json; headers?: Record<string, string> }
  | { status: number; text: string; contentType?: string; headers?: Record<string, string> }
  | { status: number; file: string; contentType?: string; headers?: Record<string, string> }
  | { status: number; headers?: Record<string, string> };

export type Params = Record<string, string>;

export interface Route {
  method: string;
  /** `/admin/realms/:realm/clients/:id`; a final `*rest` takes the remaining segments. */
  pattern: string;
  handle: (request: HarnessRequest, params: Params) => Reply | Promise<Reply>;
}

export interface RouteMatch {
  route: Route;
  params: Params;
}

function segments(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

/**
 * Matches ignoring a trailing slash: Keycloak answers `…/clients/?first=0` (what the admin client sends) and
 * `…/clients` alike.
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  const actual = segments(path).map((segment) => decodeURIComponent(segment));
  for (const route of routes) {
    if (route.method !== method) continue;
    const expected = segments(route.pattern);
    const params: Params = {};
    let matched = true;
    for (let index = 0; index < expected.length; index++) {
      const want = expected[index] ?? "";
      if (want.startsWith("*")) {
        params[want.slice(1)] = actual.slice(index).join("/");
        break;
      }
      const got = actual[index];
      if (got === undefined) {
        matched = false;
        break;
      }
      if (want.startsWith(":")) params[want.slice(1)] = got;
      else if (want !== got) {
        matched = false;
        break;
      }
      if (index === expected.length - 1 && actual.length > expected.length) matched = false;
    }
    if (matched && (expected.length > 0 || actual.length === 0)) return { route, params };
  }
  return undefined;
}

export const json = (body: Json, status = 200): Reply => ({ status, json: body });
export const noContent = (): Reply => ({ status: 204 });
/** Keycloak's error body shape for 4xx answers (`ErrorRepresentation`). */
export const error = (status: number, errorMessage: string): Reply => ({ status, json: { errorMessage } });
