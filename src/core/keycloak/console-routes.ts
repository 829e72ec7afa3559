/**
 * Where the admin console is: its routes are `#/{realm}/clients/{uuid}/{tab…}` (hash router, Keycloak 19–26) or the
 * same path after `/admin/{loginRealm}/console/` (path router). Only a client's own pages count as client routes; the
 * clients list, "Create client" and "Import client" do not. Parses and builds them, both ways from the same facts.
 */
export type ClientTab = "settings" | "keys" | "credentials" | "roles" | "clientScopes" | "sessions" | "advanced" | "events" | "other";

export interface ClientRoute {
  readonly realm: string;
  readonly clientUuid: string;
  readonly tab: ClientTab;
  /** `clientScopes/dedicated…`: the client's dedicated scope (its own mappers). */
  readonly dedicatedScope: boolean;
  /** Which of the dedicated scope's pages, when `dedicatedScope`. */
  readonly dedicatedPage: DedicatedPage | null;
  /** How to link to another tab of the same client: `#/acme/clients/<uuid>/` or `/admin/master/console/acme/clients/<uuid>/`. */
  readonly base: string;
}

/** The dedicated scope's Mappers list (also shown at `…/dedicated`), its Scope tab, or one mapper's form. */
export type DedicatedPage =
  | { readonly kind: "mappers" }
  | { readonly kind: "scope" }
  /** `mappers/{mapperId}/edit`, or `mappers/{mapper type}/new` (what Add mapper › By configuration opens); 24–25 leave the mode out. */
  | { readonly kind: "mapper"; readonly mapper: string; readonly mode: "edit" | "new" };

function dedicatedPage(rest: readonly string[]): DedicatedPage {
  const [section, mapper, mode] = rest;
  if (section === "scope") return { kind: "scope" };
  if (section === "mappers" && mapper !== undefined && (mode === "edit" || mode === "new")) return { kind: "mapper", mapper: decode(mapper), mode };
  // Keycloak 24–25 route a mapper's form without the mode: a mapper id (a UUID) is an existing one, a type a new one.
  if (section === "mappers" && mapper !== undefined && mode === undefined) return { kind: "mapper", mapper: decode(mapper), mode: UUID.test(mapper) ? "edit" : "new" };
  return { kind: "mappers" };
}

/** A page of the client's dedicated scope, relative to the client's route, as 26 writes it (the inverse of the parse). */
export function dedicatedPageRoute(page: DedicatedPage): string {
  switch (page.kind) {
    case "mappers":
      return "clientScopes/dedicated";
    case "scope":
      return "clientScopes/dedicated/scope";
    case "mapper":
      return `clientScopes/dedicated/mappers/${encodeURIComponent(page.mapper)}/${page.mode}`;
  }
}

const TABS: ReadonlySet<string> = new Set(["settings", "keys", "credentials", "roles", "clientScopes", "sessions", "advanced", "events"]);
/** Keycloak client ids are UUIDs; "add-client" and "import-client" are the create pages. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLIENTS = "clients";
/** `<Keycloak base path>/admin/<login realm>/console[/<route>]`. */
const CONSOLE_PATH = /^(.*)(\/admin\/([^/]+)\/console)(\/.*)?$/;

/** Where the console is served, from a URL path (or a whole URL): the part before it, the login realm, the rest. */
export interface ConsolePath {
  /** What precedes `/admin/`: empty, or a context path such as `/auth` (or, for a whole URL, its origin and that). */
  readonly keycloakBase: string;
  /** `<keycloakBase>/admin/<login realm>/console`: the path router's routes follow it. */
  readonly root: string;
  readonly loginRealm: string;
  /** The path after the root (`/acme/clients`), empty at the root itself. */
  readonly rest: string;
}

export function parseConsolePath(path: string): ConsolePath | null {
  const match = CONSOLE_PATH.exec(path);
  if (match === null) return null;
  const [, keycloakBase = "", admin = "", loginRealm = "", rest = ""] = match;
  return { keycloakBase, root: keycloakBase + admin, loginRealm, rest };
}

export function isConsolePath(path: string): boolean {
  return CONSOLE_PATH.test(path);
}

/** The console's root under a Keycloak base URL; the login realm is almost always `master`. */
export function consoleRoot(keycloakUrl: string, loginRealm = "master"): string {
  return `${keycloakUrl.replace(/\/+$/, "")}/admin/${encodeURIComponent(loginRealm)}/console`;
}

/** Where a route goes: `#/<route>` under the hash router (`root` null), `<root>/<route>` under the path router. */
export function routeHref(root: string | null, route: string): string {
  return `${root ?? "#"}/${route}`;
}

/** `<realm>/<path>`: a route of a realm (the realm encoded), such as `acme/clients/import-client`. */
export function realmRoute(realm: string, path: string): string {
  return `${encodeURIComponent(realm)}/${path}`;
}

/** `<realm>/clients`: the realm's Clients list. */
export function clientsRoute(realm: string): string {
  return realmRoute(realm, CLIENTS);
}

/** `<realm>/clients/<uuid>/<tab>`: a client's page (its Settings without a tab; `tab` may hold sub-routes). */
export function clientRoute(realm: string, uuid: string, tab = ""): string {
  return clientPath(encodeURIComponent(realm), encodeURIComponent(uuid), tab);
}

/** From segments as they are in the URL (already encoded). */
function clientPath(realmSegment: string, uuidSegment: string, tab = ""): string {
  return `${realmSegment}/${CLIENTS}/${uuidSegment}/${tab}`;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Parses a route path such as `/acme/clients/<uuid>/settings`. */
export function parseRoutePath(path: string, base: (realm: string, uuid: string) => string): ClientRoute | null {
  const segments = path.split(/[?#]/)[0]?.split("/").filter((segment) => segment !== "") ?? [];
  const [realm, clients, uuid, tab = "settings", next, ...rest] = segments;
  if (realm === undefined || clients !== CLIENTS || uuid === undefined || !UUID.test(uuid)) return null;
  const decodedRealm = decode(realm);
  return {
    realm: decodedRealm,
    clientUuid: uuid.toLowerCase(),
    tab: TABS.has(tab) ? (tab as ClientTab) : "other",
    dedicatedScope: tab === "clientScopes" && next === "dedicated",
    dedicatedPage: tab === "clientScopes" && next === "dedicated" ? dedicatedPage(rest) : null,
    base: base(realm, uuid),
  };
}

/** The client route of a console URL, or `null` for every other page. */
export function parseClientRoute(url: string): ClientRoute | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const consolePath = parseConsolePath(parsed.pathname);
  if (consolePath === null) return null;
  const root = parsed.hash.startsWith("#/") ? null : consolePath.root;
  return parseRoutePath(root === null ? parsed.hash.slice(1) : consolePath.rest, (realm, uuid) => routeHref(root, clientPath(realm, uuid)));
}

/** Same client and same tab: the overlay keeps its state (e.g. the user typed into the form). */
export function sameRoute(a: ClientRoute | null, b: ClientRoute | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.realm === b.realm &&
    a.clientUuid === b.clientUuid &&
    a.tab === b.tab &&
    a.dedicatedScope === b.dedicatedScope &&
    JSON.stringify(a.dedicatedPage) === JSON.stringify(b.dedicatedPage)
  );
}

/** The console pages the wizard works on: the realm's Clients list, Import client, Create client, a client's own pages. */
export type ConsolePage =
  | { readonly kind: "clients" | "import-client" | "add-client"; readonly realm: string }
  | { readonly kind: "client"; readonly realm: string; readonly client: ClientRoute }
  | { readonly kind: "other"; readonly realm: string | null };

export function parseConsolePage(url: string): ConsolePage {
  const client = parseClientRoute(url);
  if (client !== null) return { kind: "client", realm: client.realm, client };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: "other", realm: null };
  }
  const consolePath = parseConsolePath(parsed.pathname);
  if (consolePath === null) return { kind: "other", realm: null };
  const path = parsed.hash.startsWith("#/") ? parsed.hash.slice(1) : consolePath.rest;
  const [realm, section, page] = path.split(/[?#]/)[0]?.split("/").filter((segment) => segment !== "") ?? [];
  if (realm === undefined) return { kind: "other", realm: null };
  const decodedRealm = decode(realm);
  // `clients/list` is the list's own tab route (the console's tab links use it).
  if (section === CLIENTS && (page === undefined || page === "list")) return { kind: "clients", realm: decodedRealm };
  if (section === CLIENTS && page === "import-client") return { kind: "import-client", realm: decodedRealm };
  if (section === CLIENTS && page === "add-client") return { kind: "add-client", realm: decodedRealm };
  return { kind: "other", realm: decodedRealm };
}
