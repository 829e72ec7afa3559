/**
 * The part of Keycloak's admin REST API the tests use, as the admin console calls it: a token from the master realm's
 * `admin-cli` client (renewed before its 60 s lifespan ends), then JSON under `/admin/realms`.
 */
import { z } from "zod";

const tokenSchema = z.object({ access_token: z.string(), expires_in: z.number() });
const idSchema = z.object({ id: z.string() });
const scopeSchema = z.object({ id: z.string(), name: z.string() });

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonRecord = { [key: string]: Json };

export class KeycloakAdminError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class KeycloakAdmin {
  private token: { value: string; renewAt: number } | undefined;

  constructor(
    readonly url: string,
    private readonly username: string,
    private readonly password: string,
  ) {}

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    const response = await fetch(`${this.url}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: this.username, password: this.password }),
    });
    if (!response.ok) throw new KeycloakAdminError(`admin token: ${response.status} ${await response.text()}`, response.status);
    const token = tokenSchema.parse(await response.json());
    this.token = { value: token.access_token, renewAt: Date.now() + Math.max(5, token.expires_in - 15) * 1000 };
    return token.access_token;
  }

  /** One call under `/admin/realms`; the JSON answer (or `null` for 201/204), a KeycloakAdminError otherwise. */
  async call(method: string, path: string, body?: unknown): Promise<Json> {
    const response = await fetch(`${this.url}/admin/realms${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.accessToken()}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new KeycloakAdminError(`${method} /admin/realms${path}: ${response.status} ${text.slice(0, 500)}`, response.status);
    return text === "" ? null : (JSON.parse(text) as Json);
  }

  /** Replaces the realm of that name with the representation (an import, as "Create realm" → "Resource file" does). */
  async importRealm(realm: JsonRecord): Promise<void> {
    const name = z.string().parse(realm.realm);
    await this.call("DELETE", `/${name}`).catch((error: unknown) => {
      if (!(error instanceof KeycloakAdminError && error.status === 404)) throw error;
    });
    await this.call("POST", "", realm);
  }

  /** The internal id of a client, by its Client ID. */
  async clientUuid(realm: string, clientId: string): Promise<string> {
    const found = z.array(idSchema).parse(await this.call("GET", `/${realm}/clients?clientId=${encodeURIComponent(clientId)}`));
    const first = found[0];
    if (first === undefined) throw new Error(`No client ${clientId} in realm ${realm}`);
    return first.id;
  }

  /** Creates a client as the console's "Create client" does (the realm's default client scopes are linked); its id. */
  async createClient(realm: string, client: JsonRecord): Promise<string> {
    await this.call("POST", `/${realm}/clients`, client);
    return this.clientUuid(realm, z.string().parse(client.clientId));
  }

  async deleteClient(realm: string, uuid: string): Promise<void> {
    await this.call("DELETE", `/${realm}/clients/${uuid}`);
  }

  async client(realm: string, uuid: string): Promise<JsonRecord> {
    return z.record(z.string(), z.json()).parse(await this.call("GET", `/${realm}/clients/${uuid}`)) as JsonRecord;
  }

  async defaultClientScopes(realm: string, uuid: string): Promise<{ id: string; name: string }[]> {
    return z.array(scopeSchema).parse(await this.call("GET", `/${realm}/clients/${uuid}/default-client-scopes`));
  }

  async removeDefaultClientScope(realm: string, uuid: string, scopeName: string): Promise<void> {
    const scope = (await this.defaultClientScopes(realm, uuid)).find((candidate) => candidate.name === scopeName);
    if (scope === undefined) throw new Error(`Client ${uuid} has no default client scope ${scopeName}`);
    await this.call("DELETE", `/${realm}/clients/${uuid}/default-client-scopes/${scope.id}`);
  }

  /** Realm settings → Action → Partial export, with clients (and so the client scopes they link). */
  async partialExport(realm: string): Promise<JsonRecord> {
    return z.record(z.string(), z.json()).parse(await this.call("POST", `/${realm}/partial-export?exportClients=true&exportGroupsAndRoles=false`)) as JsonRecord;
  }
}
