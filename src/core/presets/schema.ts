/**
 * What a preset is: the service provider's expectations (taken from Sentry's own code, or read from SP metadata) and,
 * derived from them, the value each Keycloak client setting must have, how bad a wrong value is, why, and where that
 * is documented. Presets are data so the overlay, the wizard and the CLI can show the same explanation.
 */
import { z } from "zod";
import { severitySchema } from "./severity.js";

const endpointSchema = z.object({ url: z.string().min(1), binding: z.string().min(1) });
export type SpEndpoint = z.infer<typeof endpointSchema>;

const requiredAttributeSchema = z.object({
  /** The SP's own key for it, e.g. Sentry's `identifier` / `user_email`. */
  key: z.string(),
  /** The SP's label for it, e.g. "IdP User ID". */
  label: z.string(),
  /** The SAML `Attribute Name` the IdP must emit. */
  samlName: z.string().min(1),
  /** The user did not say what they typed into the SP; `samlName` is our recommendation. */
  assumed: z.boolean(),
});

const spDescriptionSchema = z.object({
  entityId: z.string().min(1),
  /** The first one is the default ACS. */
  assertionConsumerServices: z.array(endpointSchema).min(1),
  singleLogoutServices: z.array(endpointSchema),
  signsAuthnRequests: z.boolean(),
  wantsAssertionsSigned: z.boolean(),
  /** `null` when the source cannot tell (SP metadata has no such flag). */
  wantsResponsesSigned: z.boolean().nullable(),
  /** Whether the SP holds a private key to read encrypted assertions. */
  canDecryptAssertions: z.boolean(),
  nameIdFormats: z.array(z.string()),
  certificates: z.array(z.object({ use: z.enum(["signing", "encryption", "both"]), base64: z.string() })),
  attributes: z.object({
    /** Sentry (python3-saml `get_attributes()`) keys attributes by `Name`; a FriendlyName alone is never read. */
    lookupBy: z.enum(["name", "unknown"]),
    required: z.array(requiredAttributeSchema),
  }),
  /** Allowance for clock skew on Conditions, in seconds; `null` when unknown. */
  clockToleranceSeconds: z.number().nullable(),
  /** Response rules of the SP's validator that no metadata states, when known. */
  validator: z
    .object({
      name: z.string(),
      requiresAuthnStatement: z.boolean(),
      requiresAttributeStatement: z.boolean(),
      rejectsDuplicateAttributeNames: z.boolean(),
      acceptsIdpInitiated: z.boolean(),
    })
    .nullable(),
});
export type SpDescription = z.infer<typeof spDescriptionSchema>;

const expectedSettingSchema = z.object({
  /** The value the Keycloak client should hold (Keycloak's own representation: "true"/"false" for attributes). */
  expected: z.json(),
  severity: severitySchema,
  explanation: z.string(),
  source: z.string(),
});
export type ExpectedSetting = z.infer<typeof expectedSettingSchema>;

/** One entry per thing the checker verifies, named in the user's words. */
const keycloakExpectationsSchema = z.object({
  protocol: expectedSettingSchema,
  clientId: expectedSettingSchema,
  forcePostBinding: expectedSettingSchema,
  includeAuthnStatement: expectedSettingSchema,
  signing: expectedSettingSchema,
  signatureAlgorithm: expectedSettingSchema,
  encryptAssertions: expectedSettingSchema,
  clientSignatureRequired: expectedSettingSchema,
  redirectUris: expectedSettingSchema,
  assertionConsumerUrl: expectedSettingSchema,
  logoutRedirectUrl: expectedSettingSchema,
  frontChannelLogout: expectedSettingSchema,
  nameIdFormat: expectedSettingSchema,
  emailAttribute: expectedSettingSchema,
  identifierAttribute: expectedSettingSchema,
  uniqueAttributeNames: expectedSettingSchema,
  stableIdentifier: expectedSettingSchema,
});
export type KeycloakExpectations = z.infer<typeof keycloakExpectationsSchema>;

const presetIdSchema = z.enum(["sentry-self-hosted", "sentry-saas", "from-sp-metadata"]);
export type PresetId = z.infer<typeof presetIdSchema>;

export const presetSchema = z.object({
  id: presetIdSchema,
  name: z.string(),
  /** Where the preset's SP facts came from, in words (e.g. "Sentry URL prefix + organization slug"). */
  derivedFrom: z.string(),
  sp: spDescriptionSchema,
  keycloak: keycloakExpectationsSchema,
});
export type Preset = z.infer<typeof presetSchema>;

/** A problem in what the user typed, either fatal (`error`) or corrected and reported (`warnings`). */
export interface InputProblem {
  readonly code: string;
  readonly message: string;
}

export type PresetResult =
  | { readonly ok: true; readonly preset: Preset; readonly warnings: readonly InputProblem[] }
  | { readonly ok: false; readonly error: InputProblem };
