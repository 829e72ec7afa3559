/**
 * The client checker's entry point: read an export, pick the client, run every check against a preset, and list the
 * findings most severe first. Never throws; unusable input comes back as an error with a code.
 */
import type { Audience } from "../rules/audience.js";
import type { Preset } from "../presets/schema.js";
import { SEVERITY_ORDER, type Severity } from "../presets/severity.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { effectiveMappers, type MapperView } from "./effective-mappers.js";
import { findingKind, type ClientFinding } from "./finding.js";
import { readKeycloakExport, type InputError, type KeycloakInput } from "./input.js";
import type { RealmKeys } from "./realm-keys.js";
import { CLIENT_CHECKS } from "./registry.js";

export interface ClientCheckResult {
  readonly clientId: string;
  readonly preset: Preset;
  readonly input: KeycloakInput;
  readonly mappers: MapperView;
  /** Sentry fit (will login work?), most severe first: the verdict, the summary counts and "Fix all" read these. */
  readonly outcomes: readonly CheckOutcome[];
  readonly findings: readonly ClientFinding[];
  /** Security (is the client safe?), most severe first, each with `kind: "security"`; they never change the fit verdict. */
  readonly securityOutcomes: readonly CheckOutcome[];
  readonly securityFindings: readonly ClientFinding[];
}

export type ClientCheckResponse = { readonly ok: true; readonly result: ClientCheckResult } | { readonly ok: false; readonly error: InputError };

export interface CheckClientOptions {
  /** Which client to check in a realm export. */
  readonly clientId?: string;
  /** Where the findings are read; the CLI by default. */
  readonly audience?: Audience;
  /** The realm's keys (`GET /admin/realms/{realm}/keys`), for the realm-key security checks. */
  readonly realmKeys?: RealmKeys;
  /** The clock for certificate expiry (default: now). */
  readonly now?: Date;
}

/** Checks the client in a Keycloak export (client, realm or partial-import JSON text). */
export function checkClientExport(text: string, preset: Preset, options: CheckClientOptions = {}): ClientCheckResponse {
  const input = readKeycloakExport(text, {
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    expectedClientId: preset.sp.entityId,
  });
  if (!input.ok) return input;
  return { ok: true, result: checkClient(input.input, preset, options.audience, options) };
}

/** `extra`: the realm's keys and the clock, for the security checks that need them. */
export function checkClient(
  input: KeycloakInput,
  preset: Preset,
  audience: Audience = "cli",
  extra: Pick<CheckClientOptions, "realmKeys" | "now"> = {},
): ClientCheckResult {
  const mappers = effectiveMappers(input);
  const context: CheckContext = { preset, input, client: input.client, mappers, audience, realmKeys: extra.realmKeys, now: extra.now ?? new Date() };
  // A client of another protocol has none of the SAML settings; listing them all would bury the one real problem.
  const checks =
    input.client.protocol === "saml" ? CLIENT_CHECKS : CLIENT_CHECKS.filter((check) => check.id === "client.protocol" || check.id === "client.client-id");
  const outcomes = checks.flatMap((check) => check.run(context));
  const rank = (severity: Severity): number => SEVERITY_ORDER.indexOf(severity);
  // Array.prototype.sort is stable: within one severity, the checks' order stays.
  const sorted = [...outcomes].sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity));
  const fit = sorted.filter((outcome) => findingKind(outcome.finding) === "fit");
  const security = sorted.filter((outcome) => findingKind(outcome.finding) === "security");
  return {
    clientId: input.client.clientId,
    preset,
    input,
    mappers,
    outcomes: fit,
    findings: fit.map((outcome) => outcome.finding),
    securityOutcomes: security,
    securityFindings: security.map((outcome) => outcome.finding),
  };
}

/** Whether any finding is at least as severe as `threshold` (for `--fail-on`). */
export function hasFindingsAtLeast(findings: readonly ClientFinding[], threshold: Severity): boolean {
  const limit = SEVERITY_ORDER.indexOf(threshold);
  return findings.some((finding) => SEVERITY_ORDER.indexOf(finding.severity) <= limit);
}

/** Security findings a user can act on: those not accepted as the price of Sentry's requirements (for `--fail-on security`). */
export function actionableSecurityFindings(findings: readonly ClientFinding[]): ClientFinding[] {
  return findings.filter((finding) => findingKind(finding) === "security" && finding.accepted === undefined);
}
