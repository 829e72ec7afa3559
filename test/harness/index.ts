/**
 * The test harness: the real Keycloak admin console on a local, in-memory admin REST backend, one origin on
 * 127.0.0.1. Used by browser tests and `scripts/harness.mjs`.
 *
 *   const harness = await startHarness({ locale: "de" });
 *   await page.goto(harness.consoleUrl("acme", `clients/${id}/settings`));
 *   harness.log()  // every request the console sent
 *   await harness.close();
 */
import { clientRoutes } from "./backend/admin/clients.js";
import { clientScopeRoutes } from "./backend/admin/client-scopes.js";
import { loadServerInfo, type AdminContext } from "./backend/admin/context.js";
import { realmRoutes } from "./backend/admin/realms.js";
import { consoleRoutes } from "./backend/console-routes.js";
import { RealmStore, type JsonObject } from "./backend/realm-store.js";
import { json, noContent, type Route } from "./backend/router.js";
import { startServer, type LogEntry } from "./backend/server.js";
import { ensureConsoleBuild, PINNED_CONSOLE_VERSION, type ConsoleBuild } from "./console/build.js";

export type { LogEntry } from "./backend/server.js";
export { PINNED_CONSOLE_VERSION } from "./console/build.js";

export interface HarnessOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** `@keycloak/keycloak-admin-ui` version; default env `KC_CONSOLE_VERSION`, else the pinned one. */
  consoleVersion?: string;
  /** The console language (whoami `locale`): `en` (default), `de`, `fr`, … any `messages_<lang>` the console ships. */
  locale?: string;
  /** Routes served before the admin API (e.g. a SAML IdP on the same origin). */
  extraRoutes?: (context: AdminContext) => Route[];
  /** Adapts each realm fixture on load and reset. */
  realmTransform?: (realm: JsonObject) => JsonObject;
}

export interface Harness {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  console: ConsoleBuild;
  context: AdminContext;
  /** The console at a route, e.g. `consoleUrl("acme", "clients/<uuid>/settings")` → `…/admin/master/console/#/acme/clients/<uuid>/settings`. */
  consoleUrl(realm: string, route?: string): string;
  /** Every request so far, oldest first (static assets left out). */
  log(): LogEntry[];
  /** Calls no route answered (the console asked for something the harness does not implement). */
  unknownCalls(): LogEntry[];
  clearLog(): void;
  /** Realms back to the fixtures, log emptied. */
  reset(): void;
  setLocale(locale: string): void;
  close(): Promise<void>;
}

const isAsset = (path: string) => path.startsWith("/resources/") && path.includes("/keycloak.v2/");

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const consoleVersion = options.consoleVersion ?? process.env.KC_CONSOLE_VERSION ?? PINNED_CONSOLE_VERSION;
  const build = await ensureConsoleBuild(consoleVersion);
  const context: AdminContext = { store: RealmStore.fromFixtures(options.realmTransform), serverInfo: loadServerInfo(), locale: options.locale ?? "en" };

  let clearLog = () => {};
  let entries = (): LogEntry[] => [];
  const reset = () => {
    context.store.reset();
    clearLog();
  };
  const harnessRoutes: Route[] = [
    { method: "POST", pattern: "/__harness/reset", handle: () => (reset(), noContent()) },
    { method: "GET", pattern: "/__harness/log", handle: () => json(entries().map((entry) => ({ ...entry, body: entry.body ?? null }))) },
  ];
  const routes: Route[] = [
    ...harnessRoutes,
    ...(options.extraRoutes?.(context) ?? []),
    ...realmRoutes(context),
    ...clientRoutes(context),
    ...clientScopeRoutes(context),
    ...consoleRoutes(build, () => context.locale),
  ];
  const server = await startServer({
    port: options.port ?? 0,
    routes: () => routes,
    quiet: (path) => isAsset(path) || path.startsWith("/__harness/"),
  });
  clearLog = () => server.log.clear();
  entries = () => server.log.entries;

  return {
    url: server.origin,
    console: build,
    context,
    consoleUrl: (realm, route = "") => `${server.origin}/admin/master/console/#/${realm}/${route.replace(/^\//, "")}`,
    log: () => [...server.log.entries],
    unknownCalls: () => server.log.entries.filter((entry) => entry.unknown === true),
    clearLog,
    reset,
    setLocale: (locale) => {
      context.locale = locale;
    },
    close: () => server.close(),
  };
}
