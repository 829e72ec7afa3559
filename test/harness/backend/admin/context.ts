/** What every admin API handler shares: the realm store, the server info, and the signed-in admin's locale. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { FIXTURES_DIR } from "../../paths.js";
import type { RealmStore, JsonObject } from "../realm-store.js";
import { error, type Json, type Params, type Reply } from "../router.js";

export interface AdminContext {
  store: RealmStore;
  serverInfo: JsonObject;
  /** The console language: the `locale` whoami reports, as a server does from the admin user's locale attribute. */
  locale: string;
}

export function loadServerInfo(): JsonObject {
  const raw: unknown = JSON.parse(readFileSync(join(FIXTURES_DIR, "serverinfo.json"), "utf8"));
  return z.record(z.string(), z.json()).parse(raw);
}

/** Runs `handle` with the realm named in the path, or answers 404 as Keycloak does for an unknown realm. */
export function withRealm(
  context: AdminContext,
  params: Params,
  handle: (realm: JsonObject) => Reply | Promise<Reply>,
): Reply | Promise<Reply> {
  const realm = context.store.realm(params.realm ?? "");
  return realm ? handle(realm) : error(404, "Realm not found.");
}

/** A deep copy, so answers never alias the store (the console mutates what it receives only on its side). */
export const copy = <T extends Json>(value: T): T => structuredClone(value);

/** `first`/`max` paging as the admin REST API applies it. */
export function page<T>(items: readonly T[], query: URLSearchParams): T[] {
  const first = Number.parseInt(query.get("first") ?? "0", 10) || 0;
  const maxRaw = query.get("max");
  const max = maxRaw === null ? items.length : Number.parseInt(maxRaw, 10);
  return items.slice(first, max < 0 || Number.isNaN(max) ? items.length : first + max);
}
