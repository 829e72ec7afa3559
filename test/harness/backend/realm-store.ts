/**
 * The harness's Keycloak database: realm exports (the JSON `kc.sh export` writes) held in memory, edited by the admin
 * API, and put back to the fixtures by `reset()`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { FIXTURES_DIR } from "../paths.js";
import type { Json } from "./router.js";

export type JsonObject = { [key: string]: Json };

export const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const text = (object: JsonObject, key: string): string | undefined => {
  const value = object[key];
  return typeof value === "string" ? value : undefined;
};

/** The array of objects under `key`, created empty when absent so callers can push into it. */
export function objects(object: JsonObject, key: string): JsonObject[] {
  const value = object[key];
  if (Array.isArray(value) && value.every(isObject)) return value;
  const created: JsonObject[] = Array.isArray(value) ? value.filter(isObject) : [];
  object[key] = created;
  return created;
}

export function strings(object: JsonObject, key: string): string[] {
  const value = object[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** `attributes` as a string map; Keycloak sends and stores every client attribute as a string. */
export function attributes(object: JsonObject): JsonObject {
  const value = object.attributes;
  if (isObject(value)) return value;
  const created: JsonObject = {};
  object.attributes = created;
  return created;
}

const jsonObject = z.record(z.string(), z.json());

const protocolMapperSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  protocol: z.string(),
  protocolMapper: z.string(),
  config: z.record(z.string(), z.string()),
});

const clientSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  protocol: z.string(),
  // Strings in storage; the console's import form sends some switches as JSON booleans, which Jackson turns into
  // "true"/"false" on a server (see `normalizeAttributes`).
  attributes: z.record(z.string(), z.union([z.string(), z.boolean(), z.number(), z.null()])).optional(),
  protocolMappers: z.array(protocolMapperSchema).optional(),
  defaultClientScopes: z.array(z.string()).optional(),
  optionalClientScopes: z.array(z.string()).optional(),
});

const clientScopeSchema = z.object({
  id: z.string(),
  name: z.string(),
  protocol: z.string(),
  protocolMappers: z.array(protocolMapperSchema).optional(),
});

/** The parts of a realm export the harness relies on; everything else is kept as it is. */
const realmExportSchema = z.object({
  id: z.string(),
  realm: z.string(),
  clients: z.array(clientSchema),
  clientScopes: z.array(clientScopeSchema),
  defaultDefaultClientScopes: z.array(z.string()),
  defaultOptionalClientScopes: z.array(z.string()),
  users: z.array(z.object({ id: z.string(), username: z.string() })).optional(),
  authenticationFlows: z.array(z.object({ id: z.string(), alias: z.string() })).optional(),
});

export const REALMS_DIR = join(FIXTURES_DIR, "realms");

export function readRealmFixture(path: string): JsonObject {
  const raw: unknown = JSON.parse(readFileSync(path, "utf8"));
  const checked = realmExportSchema.safeParse(raw);
  if (!checked.success) throw new Error(`${path} is not a realm export the harness understands: ${checked.error.message}`);
  return jsonObject.parse(raw);
}

export class RealmStore {
  private realms = new Map<string, JsonObject>();

  /** `transform` adapts each fixture on load and on every reset (e.g. the bench's Sentry URL, which has a free port). */
  constructor(
    private readonly fixtureFiles: readonly string[],
    private readonly transform: (realm: JsonObject) => JsonObject = (realm) => realm,
  ) {
    this.reset();
  }

  /** Every realm export in `test/harness/fixtures/realms/`. */
  static fromFixtures(transform?: (realm: JsonObject) => JsonObject): RealmStore {
    const files = readdirSync(REALMS_DIR)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => join(REALMS_DIR, name));
    return new RealmStore(files, transform);
  }

  reset(): void {
    this.realms.clear();
    for (const file of this.fixtureFiles) {
      const realm = this.transform(readRealmFixture(file));
      const name = text(realm, "realm");
      if (name !== undefined) this.realms.set(name, realm);
    }
  }

  names(): string[] {
    return [...this.realms.keys()];
  }

  realm(name: string): JsonObject | undefined {
    return this.realms.get(name);
  }

  addRealm(realm: JsonObject): void {
    const name = text(realm, "realm");
    if (name !== undefined) this.realms.set(name, realm);
  }

  clients(realm: JsonObject): JsonObject[] {
    return objects(realm, "clients");
  }

  client(realm: JsonObject, id: string): JsonObject | undefined {
    return this.clients(realm).find((client) => client.id === id);
  }

  clientScopes(realm: JsonObject): JsonObject[] {
    return objects(realm, "clientScopes");
  }

  clientScope(realm: JsonObject, id: string): JsonObject | undefined {
    return this.clientScopes(realm).find((scope) => scope.id === id);
  }

  clientScopeByName(realm: JsonObject, name: string): JsonObject | undefined {
    return this.clientScopes(realm).find((scope) => scope.name === name);
  }
}

/** Checks a client body sent to the admin API. */
export function isClientShape(value: Json | undefined): value is JsonObject {
  return isObject(value) && clientSchema.omit({ id: true }).partial({ protocol: true }).safeParse(value).success;
}

export function isProtocolMapperShape(value: Json | undefined): value is JsonObject {
  return isObject(value) && protocolMapperSchema.safeParse(value).success;
}

export function isClientScopeShape(value: Json | undefined): value is JsonObject {
  return isObject(value) && clientScopeSchema.omit({ id: true }).partial({ protocol: true }).safeParse(value).success;
}

/** Client attributes as Keycloak stores them: every value a string (Jackson coerces booleans and numbers). */
export function normalizeAttributes(client: JsonObject): void {
  const attrs = client.attributes;
  if (!isObject(attrs)) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === "boolean" || typeof value === "number") attrs[key] = String(value);
  }
}
