/**
 * A finding: one thing about a Keycloak client that breaks (or weakens) login to the SP. Ids are stable: the overlay,
 * the CLI's JSON and users' scripts rely on them, so new ones may be added but none renamed.
 */
// zod/mini: findings are checked again in the content script (the overlay), which has a size budget.
import * as z from "zod/mini";
import { severitySchema } from "../presets/severity.js";
import type { SecurityFindingId } from "./security-ids.js";

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

/**
 * "fit": will Sentry's login work (the verdict and the summary counts). "security": is the client safe; never changes
 * the fit verdict. Fit findings leave it out (absent means "fit"), so their JSON is what it was before security existed.
 */
export const findingKindSchema = z.enum(["fit", "security"]);
export type FindingKind = z.infer<typeof findingKindSchema>;

export type FitFindingId = (typeof FIT_FINDING_IDS)[number];
/** Every id: the fit ids above and the security ids of security-ids.ts (a type here: content.js has no room for them). */
export type FindingId = FitFindingId | SecurityFindingId;

const findingShape = {
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
};

/**
 * A fit finding, as the overlay receives it from the background (src/platform/overlay-messages.ts), ids listed.
 * content.js bundles this module, and its size budget has no room for the list of security ids: a security finding
 * crosses with its id checked as a string (the background that made it knows them).
 */
export const findingSchema = z.object({ id: z.enum(FIT_FINDING_IDS), ...findingShape });
export const securityFindingSchema = z.object({ id: z.string(), ...findingShape });

/** A finding about a client's settings (a message's findings are core/rules/rule.ts `Finding`). */
export type ClientFinding = Omit<z.infer<typeof findingSchema>, "id"> & { id: FindingId };

export function findingKind(finding: Pick<ClientFinding, "kind">): FindingKind {
  return finding.kind ?? "fit";
}
