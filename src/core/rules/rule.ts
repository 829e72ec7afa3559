/**
 * What a diagnostic is: one file per rule under src/core/rules/, its id equal to its file name, registered in
 * registry.ts in the order the receiver makes its checks (python3-saml's `is_valid` order for responses), so the first
 * error we list is the one the receiver reports.
 */
// zod/mini: findings are checked again in the content script (the wizard's test login), which has a size budget.
import * as z from "zod/mini";
import type { CapturedMessage } from "../input/captured.js";
import type { Audience } from "./audience.js";
import type { DecodeError, DecodeQuirk } from "../saml/decode.js";
import type { SamlMessage } from "../saml/model.js";
import type { SignatureReport, TrustedCertificate } from "../saml/signature/types.js";
import type { XmlElement, XmlError } from "../saml/xml.js";

export const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  expected: z.optional(z.string()),
  actual: z.optional(z.string()),
  /** The Keycloak setting (admin-console label) that causes it, or what else to change. */
  fix: z.string(),
  /** Where the check comes from: the receiver's source or a documented fact. */
  source: z.string(),
  /** The exact text the receiver reports for this failure, when it reports one (python3-saml, Sentry or Keycloak). */
  receiverMessage: z.optional(z.string()),
  /** "security": what an auditor would flag; never changes the predicted verdict. Absent means a fit finding. */
  kind: z.optional(z.enum(["fit", "security"])),
});
export type Finding = Readonly<z.infer<typeof findingSchema>>;
export type Severity = Finding["severity"];

/** The service provider as the user configured it (the Sentry preset fills this in). */
export interface SpProfile {
  /** `undefined` when unknown: the checks that compare with it are skipped (and say so). */
  readonly spEntityId: string | undefined;
  readonly acsUrl: string | undefined;
  readonly slsUrl: string | undefined;
  readonly idpEntityId: string | undefined;
  readonly trustedCertificates: readonly TrustedCertificate[];
  /** SAML Attribute Name mapped to Sentry's "IdP User ID". */
  readonly identifierAttribute: string;
  /** SAML Attribute Name mapped to Sentry's "User Email". */
  readonly emailAttribute: string;
  /** The user did not say what Sentry's attribute mapping is: the names above are SAML Lens's default. */
  readonly attributeMappingAssumed?: boolean;
  /** The Keycloak Client ID; Sentry's preset requires it to equal the SP entity ID. */
  readonly keycloakClientId?: string;
}

/** Who reads the message and decides: the service provider (Sentry) or the identity provider (Keycloak). */
export type Receiver = "sp" | "idp";

export interface RuleContext {
  readonly captured: CapturedMessage;
  readonly receiver: Receiver;
  readonly quirks: readonly DecodeQuirk[];
  readonly decodeError: DecodeError | undefined;
  readonly xmlError: XmlError | undefined;
  readonly root: XmlElement | undefined;
  readonly message: SamlMessage | undefined;
  /** Why the XML is not a SAML message we model, when it is not. */
  readonly modelError: string | undefined;
  /** `undefined` when signatures were not verified (no verifier available). */
  readonly signatures: SignatureReport | undefined;
  readonly profile: SpProfile;
  readonly now: Date;
}

export type FindingDraft = Omit<Finding, "id" | "source" | "fix" | "kind"> & { readonly fix?: string };

export interface Rule {
  readonly id: string;
  /** A public document (with version and path) or the receiver's behaviour it names. */
  readonly source: string;
  /** What to change; a function where the words depend on where the finding is read (see audience.ts). */
  readonly fix: string | ((audience: Audience) => string);
  /**
   * The rule reads `context.signatures`. Such rules run once verification has finished; the others run while it is
   * still under way on WebCrypto's thread, and see `signatures` as `undefined` (a meta-test keeps this flag true to
   * the rule's code).
   */
  readonly readsSignatures?: true;
  /**
   * A security rule (files `security.*.ts`): its findings carry `kind: "security"`, are never errors, and never change
   * the verdict, which predicts only whether the receiver accepts the message.
   */
  readonly kind?: "security";
  readonly check: (context: RuleContext) => readonly FindingDraft[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** The rule's fix in the words of `audience`. */
export function fixOf(rule: Rule, audience: Audience): string {
  return typeof rule.fix === "string" ? rule.fix : rule.fix(audience);
}
