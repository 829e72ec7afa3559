/**
 * Fixes for a checked client: a JSON Patch against the exported client, and the corrected client itself, ready for
 * Clients › Import client. Import fills absent SAML attributes with Keycloak's defaults, some of them wrong for Sentry
 * (Client signature required turns on), so the corrected client states those explicitly.
 */
import { SEVERITY_ORDER, type Severity } from "../presets/severity.js";
import type { ClientCheckResult } from "./check-client.js";
import { applyJsonPatch, pointer, type JsonPatchOperation } from "./json-patch.js";
import { CLIENT_SETTINGS } from "../keycloak/attributes.js";
import { setSetting } from "./check-context.js";

export interface ClientFix {
  /** Operations on the exported client (RFC 6902). */
  readonly patch: readonly JsonPatchOperation[];
  /** The exported client with the patch applied and server-assigned ids removed. */
  readonly client: Record<string, unknown>;
  /** What the patch could not do, and how to import. */
  readonly notes: readonly string[];
}

export interface FixOptions {
  /** Findings of these severities are fixed; by default errors and warnings (suggestions change behaviour users may rely on). */
  readonly severities?: readonly Severity[];
  /**
   * Also apply the security findings' fixes (default true): every one that has a patch, whatever its severity, since
   * each keeps Sentry working (exact redirect URIs, RSA_SHA256, signing on). Accepted ones have none.
   */
  readonly security?: boolean;
}

export type FixResult = { readonly ok: true; readonly fix: ClientFix } | { readonly ok: false; readonly message: string };

export function buildClientFix(result: ClientCheckResult, options: FixOptions = {}): FixResult {
  const severities = new Set<Severity>(options.severities ?? SEVERITY_ORDER.slice(0, 2));
  const raw = result.input.rawClient;
  const chosen = [
    ...result.outcomes.filter((outcome) => severities.has(outcome.finding.severity)),
    ...(options.security === false ? [] : result.securityOutcomes.filter((outcome) => outcome.finding.accepted === undefined)),
  ];
  const fixes = chosen.flatMap((outcome) => outcome.patch);
  const notes: string[] = [];
  for (const outcome of chosen) {
    if (outcome.patch.length === 0) notes.push(`Not fixed in the JSON (${outcome.finding.id}): ${outcome.finding.fix}`);
  }

  // Import turns Client signature required On when the attribute is absent (SamlProtocolFactory.setupClientDefaults).
  const signature = pointer("attributes", CLIENT_SETTINGS.clientSignatureRequired.key);
  const attributes = raw.attributes;
  const hasSignatureSetting =
    typeof attributes === "object" && attributes !== null && CLIENT_SETTINGS.clientSignatureRequired.key in attributes;
  const safety =
    !hasSignatureSetting && result.input.client.protocol === "saml" && !fixes.some((operation) => operation.path === signature)
      ? [setSetting("clientSignatureRequired", result.preset.sp.signsAuthnRequests ? "true" : "false")]
      : [];
  const operations = [...fixes, ...safety];
  const patch: JsonPatchOperation[] = [...containersFor(raw, operations), ...operations];

  const applied = applyJsonPatch(raw, patch);
  if (!applied.ok) return { ok: false, message: `The fix could not be applied to the client: ${applied.message}` };
  const client = stripServerIds(applied.value);
  notes.push(
    `To import: Clients › Import client, then Save. Keycloak refuses a second client with Client ID "${String(client.clientId)}": ` +
      "delete the old client first (or apply the changes by hand).",
  );
  return { ok: true, fix: { patch, client, notes } };
}

/**
 * Operations that create `attributes` or `protocolMappers` when a fix writes into them and they are absent. (A fix to
 * an absent Valid redirect URIs list writes the whole list.)
 */
function containersFor(raw: Record<string, unknown>, operations: readonly JsonPatchOperation[]): JsonPatchOperation[] {
  const out: JsonPatchOperation[] = [];
  const containers: ReadonlyArray<[string, () => unknown]> = [
    ["attributes", () => ({})],
    ["protocolMappers", () => []],
  ];
  for (const [name, empty] of containers) {
    const prefix = `${pointer(name)}/`;
    if (raw[name] === undefined && operations.some((operation) => operation.path.startsWith(prefix))) {
      out.push({ op: "add", path: pointer(name), value: empty() });
    }
  }
  return out;
}

function stripServerIds(value: unknown): Record<string, unknown> {
  const client: Record<string, unknown> = typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : {};
  delete client.id;
  delete client.access;
  if (Array.isArray(client.protocolMappers)) {
    client.protocolMappers = client.protocolMappers.map((mapper: unknown) => {
      if (typeof mapper !== "object" || mapper === null || Array.isArray(mapper)) return mapper;
      const copy: Record<string, unknown> = { ...mapper };
      delete copy.id;
      return copy;
    });
  }
  return client;
}
