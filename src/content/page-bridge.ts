/**
 * The isolated side of the page-world observer: connects once per page load over a MessageChannel (the port travels
 * with the arm message, so nothing else flows through window messages), checks every message's shape and per-load
 * token, and keeps what the console last fetched or saved.
 */
import * as z from "zod/mini";

const observedSchema = z.object({
  token: z.string(),
  kind: z.enum(["client", "saved", "default-scopes", "scopes", "clients", "mapper-saved"]),
  realm: z.string(),
  clientUuid: z.nullable(z.string()),
  body: z.unknown(),
});
export type Observed = Omit<z.infer<typeof observedSchema>, "token">;

const clientSchema = z.looseObject({ id: z.string(), clientId: z.string() });
const clientListSchema = z.array(z.unknown());
const scopeLinksSchema = z.array(z.looseObject({ name: z.string() }));
const scopesSchema = z.array(z.looseObject({ name: z.string() }));
const mapperSchema = z.looseObject({ id: z.string(), protocolMapper: z.string() });

export interface SavedClient {
  readonly realm: string;
  readonly clientUuid: string;
  readonly representation: Record<string, unknown>;
}

export interface ConsoleData {
  /** The client as last fetched or saved, by `<realm> <uuid>`. */
  readonly clients: Map<string, SavedClient>;
  readonly defaultScopes: Map<string, string[]>;
  /** The realm's client scopes (with their mappers), by realm. */
  readonly scopes: Map<string, unknown[]>;
  /** Clients seen in the console's client lists and searches, by realm, then uuid; kept current by later GETs and saves. */
  readonly listed: Map<string, Map<string, Record<string, unknown>>>;
}

export const clientKey = (realm: string, clientUuid: string): string => `${realm} ${clientUuid.toLowerCase()}`;

function randomToken(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export interface PageBridge {
  readonly data: ConsoleData;
  /** Called after each accepted message. */
  onChange(listener: (observed: Observed) => void): () => void;
}

let bridge: PageBridge | null = null;

/** Connects to the page-world observer on first use (the first time the user opens a client's page). */
export function connectPageBridge(): PageBridge {
  if (bridge !== null) return bridge;
  const token = randomToken();
  const data: ConsoleData = { clients: new Map(), defaultScopes: new Map(), scopes: new Map(), listed: new Map() };
  const listeners = new Set<(observed: Observed) => void>();
  const channel = new MessageChannel();
  channel.port1.onmessage = (event: MessageEvent) => {
    const message = z.safeParse(observedSchema, event.data);
    if (!message.success || message.data.token !== token) return;
    const { kind, realm, clientUuid, body } = message.data;
    if (!accept(data, kind, realm, clientUuid, body)) return;
    for (const listener of listeners) listener({ kind, realm, clientUuid, body });
  };
  window.postMessage({ type: "saml-lens/arm", token }, location.origin, [channel.port2]);
  bridge = {
    data,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return bridge;
}

function accept(data: ConsoleData, kind: Observed["kind"], realm: string, clientUuid: string | null, body: unknown): boolean {
  if (kind === "scopes") {
    const scopes = z.safeParse(scopesSchema, body);
    if (!scopes.success) return false;
    data.scopes.set(realm, scopes.data);
    return true;
  }
  if (kind === "clients") {
    const list = z.safeParse(clientListSchema, body);
    if (!list.success) return false;
    let listed = data.listed.get(realm);
    if (listed === undefined) data.listed.set(realm, (listed = new Map()));
    for (const item of list.data) {
      const client = z.safeParse(clientSchema, item);
      if (client.success) listed.set(client.data.id.toLowerCase(), client.data);
    }
    return true;
  }
  if (clientUuid === null) return false;
  const key = clientKey(realm, clientUuid);
  if (kind === "mapper-saved") {
    // The console saved one mapper of the client's dedicated scope: the client as saved now holds it.
    const mapper = z.safeParse(mapperSchema, body);
    const saved = data.clients.get(key);
    if (!mapper.success || saved === undefined) return false;
    const mappers = Array.isArray(saved.representation.protocolMappers) ? (saved.representation.protocolMappers as unknown[]) : [];
    const isIt = (other: unknown) => z.safeParse(mapperSchema, other).data?.id === mapper.data.id;
    const next = mappers.some(isIt) ? mappers.map((other) => (isIt(other) ? mapper.data : other)) : [...mappers, mapper.data];
    data.clients.set(key, { ...saved, representation: { ...saved.representation, protocolMappers: next } });
    return true;
  }
  if (kind === "default-scopes") {
    const links = z.safeParse(scopeLinksSchema, body);
    if (!links.success) return false;
    data.defaultScopes.set(key, links.data.map((link) => link.name));
    return true;
  }
  const client = z.safeParse(clientSchema, body);
  if (!client.success || client.data.id.toLowerCase() !== clientUuid) return false;
  data.clients.set(key, { realm, clientUuid, representation: client.data });
  data.listed.get(realm)?.set(clientUuid, client.data);
  return true;
}
