/**
 * A finding: one thing about a Keycloak client that breaks (or weakens) login to the SP. Ids are stable: the overlay,
 * the CLI's JSON and users' scripts rely on them, so new ones may be added but none renamed.
 */
// zod/mini: findings are checked again in the content script (the overlay), which has a size budget.
import * as z from "zod/mini";
import { severitySchema } from "../presets/severity.js";

export const FIT_FINDING_IDS = [
  "client.protocol",
  "client.client-id",
  "client.force-post-binding",
  "client.authn-statement",
  "client.signing",
  "client.signature-algorithm",
  "client.encrypt-assertions",
  "client.client-signature-required",
  "client.redirect-uris",
  "client.acs-url",
  "client.logout-redirect-url",
  "client.front-channel-logout",
  "client.name-id-format",
  "mapper.email",
  "mapper.identifier",
  "mapper.duplicate-attribute-name",
  "mapper.email-as-identifier",
] as const;

/** Security findings (src/core/client-check/checks/security.*.ts): what an auditor would flag, reconciled with Sentry. */
export const SECURITY_FINDING_IDS = [
  "security.redirect-wildcard",
  "security.redirect-wildcard-host",
  "security.endpoint-wildcard",
  "security.http-url",
  "security.weak-signature-algorithm",
  "security.unsigned",
  "security.assertion-not-signed",
  "security.client-signature",
  "security.encryption",
  "security.one-time-use",
  "security.full-scope-roles",
  "security.idp-initiated",
  "security.realm-key-size",
  "security.realm-certificate-expiry",
] as const;

/**
 * "fit": will Sentry's login work (the verdict and the summary counts). "security": is the client safe; never changes
 * the fit verdict. Fit findings leave it out (absent means "fit"), so their JSON is what it was before security existed.
 */
export const findingKindSchema = z.enum(["fit", "security"]);
export type FindingKind = z.infer<typeof findingKindSchema>;

export const FINDING_IDS = [...FIT_FINDING_IDS, ...SECURITY_FINDING_IDS] as const;

const findingIdSchema = z.enum(FINDING_IDS);
export type FindingId = z.infer<typeof findingIdSchema>;

export const findingSchema = z.object({
  id: findingIdSchema,
  severity: severitySchema,
  /** Where the admin console shows the setting. */
  field: z.object({ label: z.string(), tab: z.string(), section: z.optional(z.string()) }),
  /** The Keycloak key (client attribute, top-level field or mapper config key); `null` when there is none. */
  attributeKey: z.nullable(z.string()),
  expected: z.json(),
  /** `null` when the setting is absent or cannot be told from the file. */
  actual: z.json(),
  message: z.string(),
  /** What to do, in the console's words. */
  fix: z.string(),
  source: z.string(),
  kind: z.optional(findingKindSchema),
  /**
   * A security finding that stays on purpose, in one line: the textbook setting breaks Sentry (or Sentry does not act
   * on it), and what compensates. Such a finding is informational and has no fix to apply.
   */
  accepted: z.optional(z.string()),
});
/** A finding about a client's settings (a message's findings are core/rules/rule.ts `Finding`). */
export type ClientFinding = z.infer<typeof findingSchema>;

export function findingKind(finding: Pick<ClientFinding, "kind">): FindingKind {
  return finding.kind ?? "fit";
}
