/**
 * A finding: one thing about a Keycloak client that breaks (or weakens) login to the SP. Ids are stable: the overlay,
 * the CLI's JSON and users' scripts rely on them, so new ones may be added but none renamed.
 */
// zod/mini: findings are checked again in the content script (the overlay), which has a size budget.
import * as z from "zod/mini";
import { severitySchema } from "../presets/severity.js";

export const FINDING_IDS = [
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
});
/** A finding about a client's settings (a message's findings are core/rules/rule.ts `Finding`). */
export type ClientFinding = z.infer<typeof findingSchema>;
