/**
 * Reading what a user exports from Keycloak: a client (Clients → client → Action → Export), a realm export or
 * partial export (`clients[]`, `clientScopes[]`), or a partial-import file of the same shape. Validated with zod;
 * unknown fields are kept, because the corrected client we hand back must still hold everything the user had.
 */
import { z } from "zod";
import { describeJsonFailure, jsonKind, xmlRootName } from "../input/what-it-is.js";

/** Keycloak writes attributes as strings; older tools and hand edits sometimes write booleans or numbers. */
const attributeValue = z
  .union([z.string(), z.boolean(), z.number(), z.null()])
  .transform((value) => (value === null ? undefined : String(value)));
const attributeMap = z.record(z.string(), attributeValue).transform((map) => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) if (value !== undefined) out[key] = value;
  return out;
});

const mapperSchema = z.looseObject({
  name: z.string().optional(),
  protocol: z.string().optional(),
  protocolMapper: z.string(),
  config: attributeMap.optional(),
});
export type KeycloakMapper = z.infer<typeof mapperSchema>;

export const clientSchema = z.looseObject({
  clientId: z.string(),
  name: z.string().optional(),
  protocol: z.string().optional(),
  enabled: z.boolean().optional(),
  adminUrl: z.string().optional(),
  redirectUris: z.array(z.string()).optional(),
  frontchannelLogout: z.boolean().optional(),
  attributes: attributeMap.optional(),
  protocolMappers: z.array(mapperSchema).optional(),
  defaultClientScopes: z.array(z.string()).optional(),
  optionalClientScopes: z.array(z.string()).optional(),
});
export type KeycloakClient = z.infer<typeof clientSchema>;

export const clientScopeSchema = z.looseObject({
  name: z.string(),
  protocol: z.string().optional(),
  protocolMappers: z.array(mapperSchema).optional(),
});
export type KeycloakClientScope = z.infer<typeof clientScopeSchema>;

const realmSchema = z.looseObject({
  realm: z.string().optional(),
  clients: z.array(z.unknown()),
  clientScopes: z.array(clientScopeSchema).optional(),
  ifResourceExists: z.string().optional(),
});

/** Where the client came from: a file (its kind), or the admin console's own loads (the overlay). */
export type ExportKind = "client-export" | "realm-export" | "partial-import" | "console";

export interface KeycloakInput {
  readonly kind: ExportKind;
  readonly realm: string | null;
  readonly client: KeycloakClient;
  /** The client exactly as it was in the file (for the corrected, importable copy). */
  readonly rawClient: Record<string, unknown>;
  /** The realm's client scopes; `null` when the file holds no scope definitions (a client export). */
  readonly clientScopes: readonly KeycloakClientScope[] | null;
}

export interface InputError {
  readonly code: "input.json" | "input.shape" | "input.no-client" | "input.choose-client" | "input.client-not-found";
  readonly message: string;
  /** The SAML clients found in a realm export, when the user must choose one. */
  readonly samlClients?: readonly string[];
}

export type InputResult = { readonly ok: true; readonly input: KeycloakInput } | { readonly ok: false; readonly error: InputError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every issue has a path: the value checked is always an object (a client or a realm export). */
function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${[prefix, ...issue.path.map(String)].filter((part) => part !== "").join(".")}: ${issue.message}`)
    .join("; ");
}

const EXPORT_HOWTO = "A Keycloak client export is the JSON file of Clients → the client → Action → Export.";

export interface ReadOptions {
  /** Which client to check in a realm export. */
  readonly clientId?: string;
  /** The client ID the preset expects; used to pick the client in a realm export when none is named. */
  readonly expectedClientId?: string;
}

export function readKeycloakExport(text: string, options: ReadOptions = {}): InputResult {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const root = text.trimStart().startsWith("<") ? xmlRootName(text) : undefined;
    const message =
      root === "EntityDescriptor" || root === "EntitiesDescriptor"
        ? "This is SAML metadata, not a Keycloak client export: give Sentry's SP metadata with --sp-metadata FILE (the IdP's metadata goes to analyze --idp-metadata)."
        : `${describeJsonFailure(text, error)} ${EXPORT_HOWTO}`;
    return { ok: false, error: { code: "input.json", message } };
  }
  const kind = jsonKind(json);
  if (kind === "har" || kind === "saml-tracer") {
    return { ok: false, error: { code: "input.shape", message: "This is a capture of SAML traffic (HAR), not a Keycloak client export: analyze it with saml-lens analyze." } };
  }
  if (!isRecord(json)) return { ok: false, error: { code: "input.shape", message: `The file holds no JSON object. ${EXPORT_HOWTO}` } };
  if (Array.isArray(json.clients)) return readRealm(json, options);
  if (typeof json.clientId === "string") {
    const client = clientSchema.safeParse(json);
    if (!client.success) return { ok: false, error: { code: "input.shape", message: `The client is not a Keycloak client representation: ${describeIssues(client.error, "")}` } };
    return { ok: true, input: { kind: "client-export", realm: null, client: client.data, rawClient: json, clientScopes: null } };
  }
  return {
    ok: false,
    error: {
      code: "input.shape",
      message:
        "This is neither a Keycloak client export (an object with clientId) nor a realm export / partial-import file " +
        "(an object with clients[]). Export the client in the admin console: Clients → the client → Action → Export.",
    },
  };
}

function readRealm(json: Record<string, unknown>, options: ReadOptions): InputResult {
  const realm = realmSchema.safeParse(json);
  if (!realm.success) return { ok: false, error: { code: "input.shape", message: `The realm export is not valid: ${describeIssues(realm.error, "")}` } };
  const clients: Array<{ client: KeycloakClient; raw: Record<string, unknown> }> = [];
  for (const [index, raw] of realm.data.clients.entries()) {
    const client = clientSchema.safeParse(raw);
    if (!client.success || !isRecord(raw)) {
      const detail = client.success ? "not an object" : describeIssues(client.error, `clients.${index}`);
      return { ok: false, error: { code: "input.shape", message: `A client in the realm export is not valid: ${detail}` } };
    }
    clients.push({ client: client.data, raw });
  }
  const saml = clients.filter((entry) => entry.client.protocol === "saml");
  const samlClients = saml.map((entry) => entry.client.clientId);
  let chosen: { client: KeycloakClient; raw: Record<string, unknown> } | undefined;
  if (options.clientId !== undefined) {
    const wanted = options.clientId;
    chosen = clients.find((entry) => entry.client.clientId === wanted);
    if (chosen === undefined) {
      // Client IDs compare exactly; one that differs by a trailing slash, scheme or case is what the user meant.
      const near = clients.find((entry) => looseClientId(entry.client.clientId) === looseClientId(wanted))?.client.clientId;
      return {
        ok: false,
        error: {
          code: "input.client-not-found",
          message:
            `No client "${wanted}" in this export` +
            (near === undefined ? "." : `; did you mean "${near}"? (Client IDs are compared exactly, trailing slash included.)`) +
            ` SAML clients found: ${listed(samlClients)}.`,
          samlClients,
        },
      };
    }
  } else {
    const expected = options.expectedClientId;
    const matching =
      expected === undefined ? [] : saml.filter((entry) => looseClientId(entry.client.clientId) === looseClientId(expected));
    chosen = matching.length === 1 ? matching[0] : saml.length === 1 ? saml[0] : undefined;
    if (chosen === undefined) {
      return {
        ok: false,
        error: {
          code: saml.length === 0 ? "input.no-client" : "input.choose-client",
          message:
            saml.length === 0
              ? "The export holds no SAML client (protocol \"saml\")."
              : `The export holds ${saml.length} SAML clients; name the one to check: ${listed(samlClients)}.`,
          samlClients,
        },
      };
    }
  }
  return {
    ok: true,
    input: {
      kind: realm.data.ifResourceExists !== undefined || realm.data.realm === undefined ? "partial-import" : "realm-export",
      realm: realm.data.realm ?? null,
      client: chosen.client,
      rawClient: chosen.raw,
      clientScopes: realm.data.clientScopes ?? null,
    },
  };
}

/** Picks the intended client even when its Client ID has the mistakes the checker then reports (slash, scheme, case). */
/** Past this many, client IDs in a message are cut short (a realm may hold hundreds); the error keeps the full list. */
const LISTED_CLIENTS = 10;

function listed(clientIds: readonly string[]): string {
  if (clientIds.length === 0) return "none";
  const shown = clientIds.slice(0, LISTED_CLIENTS).join(", ");
  return clientIds.length > LISTED_CLIENTS ? `${shown} and ${clientIds.length - LISTED_CLIENTS} more` : shown;
}

function looseClientId(value: string): string {
  return value.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
}
