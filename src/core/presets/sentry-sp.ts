/**
 * Sentry as a SAML service provider, as its code builds it (getsentry/sentry `auth/providers/saml2/provider.py`,
 * `build_saml_config`): every URL is the URL prefix joined with a route that ends in a slash, and python3-saml runs
 * in strict mode with no SP key.
 */
import { ALLOWED_CLOCK_DRIFT } from "../rules/receiver-messages.js";
import { BINDING, NAME_ID_FORMAT } from "./saml-constants.js";
import type { SpDescription } from "./schema.js";

/** The Sentry attribute mapping fields (Org Settings → Auth → SAML2), by Sentry's own keys. */
export const SENTRY_ATTRIBUTE_FIELDS = {
  identifier: "IdP User ID",
  user_email: "User Email",
  first_name: "First Name",
  last_name: "Last Name",
} as const;

/**
 * What we recommend typing into Sentry's mapping. A stable id rather than the e-mail: an identity keyed by e-mail
 * breaks when the address changes.
 */
export const RECOMMENDED_ATTRIBUTE_NAMES = { identifier: "user_id", userEmail: "user_email" } as const;

/**
 * What every part of SAML Lens assumes Sentry's mapping says when the user has not told it (the panel, the recorder,
 * `analyze`, `check-client`, the wizard): what it recommends, so a login set up as recommended is judged as it works,
 * and never flagged for an e-mail as IdP User ID on SAML Lens's own default. Verdicts that rest on it say so.
 */
export const DEFAULT_ATTRIBUTE_NAMES: SentryAttributeNames = RECOMMENDED_ATTRIBUTE_NAMES;

export interface SentryAttributeNames {
  /** SAML Attribute Name typed into Sentry as "IdP User ID". */
  readonly identifier: string;
  /** SAML Attribute Name typed into Sentry as "User Email". */
  readonly userEmail: string;
}

export interface SentryEndpoints {
  readonly entityId: string;
  readonly acsUrl: string;
  readonly slsUrl: string;
  /** The organization's SSO login page, where an SP-initiated login starts. */
  readonly loginUrl: string;
}

/** Like sentry.utils.http.absolute_uri: the prefix loses trailing slashes, the route keeps its own. */
export function sentryEndpoints(urlPrefix: string, orgSlug: string): SentryEndpoints {
  const base = urlPrefix.replace(/\/+$/, "");
  return {
    entityId: `${base}/saml/metadata/${orgSlug}/`,
    acsUrl: `${base}/saml/acs/${orgSlug}/`,
    slsUrl: `${base}/saml/sls/${orgSlug}/`,
    loginUrl: `${base}/auth/login/${orgSlug}/`,
  };
}

/** Recognises Sentry's entity ID (`P/saml/metadata/O/`) and returns the prefix and slug it was built from. */
export function parseSentryEntityId(entityId: string): { urlPrefix: string; orgSlug: string } | null {
  const match = /^(https?:\/\/.+?)\/saml\/metadata\/([^/]+)\/$/.exec(entityId);
  if (match === null) return null;
  return { urlPrefix: match[1] ?? "", orgSlug: match[2] ?? "" };
}

/** python3-saml 1.12 (Debian) `OneLogin_Saml2_Constants.ALLOWED_CLOCK_DRIFT`. */
export const PYTHON3_SAML_CLOCK_DRIFT_SECONDS = ALLOWED_CLOCK_DRIFT;

export function describeSentrySp(
  urlPrefix: string,
  orgSlug: string,
  names: SentryAttributeNames,
  assumed: { readonly identifier: boolean; readonly userEmail: boolean },
): SpDescription {
  const endpoints = sentryEndpoints(urlPrefix, orgSlug);
  return {
    entityId: endpoints.entityId,
    assertionConsumerServices: [{ url: endpoints.acsUrl, binding: BINDING.post }],
    singleLogoutServices: [{ url: endpoints.slsUrl, binding: BINDING.redirect }],
    signsAuthnRequests: false,
    wantsAssertionsSigned: false,
    wantsResponsesSigned: false,
    canDecryptAssertions: false,
    nameIdFormats: [NAME_ID_FORMAT.unspecified],
    certificates: [],
    attributes: {
      lookupBy: "name",
      required: [
        { key: "identifier", label: SENTRY_ATTRIBUTE_FIELDS.identifier, samlName: names.identifier, assumed: assumed.identifier },
        { key: "user_email", label: SENTRY_ATTRIBUTE_FIELDS.user_email, samlName: names.userEmail, assumed: assumed.userEmail },
      ],
    },
    clockToleranceSeconds: PYTHON3_SAML_CLOCK_DRIFT_SECONDS,
    validator: {
      name: "python3-saml (strict)",
      requiresAuthnStatement: true,
      requiresAttributeStatement: true,
      rejectsDuplicateAttributeNames: true,
      acceptsIdpInitiated: true,
    },
  };
}
