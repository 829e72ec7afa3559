/**
 * The exact texts the receivers report, in one place: python3-saml (1.15.0 as Sentry installs it, and Debian's 1.12
 * python3-onelogin-saml2: onelogin/saml2/response.py and utils.py), Sentry's SAML2 provider (src/sentry/auth/providers/saml2/provider.py)
 * and Keycloak's login error pages. Sentry shows python3-saml's text as "SAML SSO failed, <text>".
 */

/** python3-saml's `OneLogin_Saml2_Constants.ALLOWED_CLOCK_DRIFT`, in seconds; applied to Conditions only. */
export const ALLOWED_CLOCK_DRIFT = 300;

export const PY = {
  encryptedNoKey: "No private key available to decrypt the assertion, check settings",
  missingStatus: "Missing Status on response",
  missingStatusCode: "Missing Status Code on response",
  status: (code: string, message: string | undefined) =>
    `The status code of the Response was not Success, was ${code.split(":").pop() ?? code}${message ? ` -> ${message}` : ""}`,
  assertionCount: "SAML Response must contain 1 assertion",
  invalidSignatureElement: (tag: string) => `Invalid Signature Element ${tag} SAML Response rejected`,
  signedElementNoId: "Signed Element must contain an ID. SAML Response rejected",
  duplicatedId: "Duplicated ID. SAML Response rejected",
  invalidSignedElement: "Found an invalid Signed Element. SAML Response rejected",
  duplicatedReference: "Duplicated Reference URI. SAML Response rejected",
  unexpectedSignatureElement: "Found an unexpected Signature Element. SAML Response rejected",
  unexpectedResponseSignatures: "Unexpected number of Response signatures found. SAML Response rejected.",
  unexpectedAssertionSignatures: "Unexpected number of Assertion signatures found. SAML Response rejected.",
  noConditions: "The Assertion must include a Conditions element",
  /** is_valid's schema check (wantXMLValidation, on by default): e.g. a second Conditions element. */
  notSchemaValid: "Invalid SAML Response. Not match the saml-schema-protocol-2.0.xsd",
  notYetValid: "Could not validate timestamp: not yet valid. Check system clock.",
  expired: "Could not validate timestamp: expired. Check system clock.",
  noAuthnStatement: "The Assertion must include an AuthnStatement element",
  noAttributeStatement: "There is no AttributeStatement on the Response",
  wrongDestination: (currentUrl: string, destination: string) => `The response was received at ${currentUrl} instead of ${destination}`,
  emptyDestination: "The response has an empty Destination value",
  wrongAudience: (spEntityId: string) => `${spEntityId} is not a valid audience for this Response`,
  multipleResponseIssuers: "Issuer of the Response is multiple.",
  assertionIssuerCount: "Issuer of the Assertion not found or multiple.",
  wrongIssuer: (expected: string, got: string) => `Invalid issuer in the Assertion/Response (expected ${expected}, got ${got})`,
  sessionExpired: "The attributes have expired, based on the SessionNotOnOrAfter of the AttributeStatement of this Response",
  noValidSubjectConfirmation: "A valid SubjectConfirmation was not found on this Response",
  noSignature: "No Signature found. SAML Response rejected",
  signatureFailed: "Signature validation failed. SAML Response rejected",
  duplicatedAttribute: (by: "Name" | "FriendlyName") => `Found an Attribute element with duplicated ${by}`,
  onlyPostBinding: "SAML Response not found, Only supported HTTP_POST Binding",
  onlyRedirectLogout: "SAML LogoutRequest/LogoutResponse not found. Only supported HTTP_REDIRECT Binding",
  /** LogoutRequest.is_valid's text, its stray ")" included. */
  logoutExpired: "Could not validate timestamp: expired. Check system clock.)",
  logoutWrongDestination: (kind: "LogoutRequest" | "LogoutResponse", currentUrl: string, destination: string) => `The ${kind} was received at ${currentUrl} instead of ${destination}`,
  logoutWrongIssuer: (kind: "LogoutRequest" | "LogoutResponse", expected: string, got: string) =>
    `Invalid issuer in the ${kind === "LogoutRequest" ? "Logout Request" : "Logout Response"} (expected ${expected}, got ${got})`,
  /** process_slo's error when a valid LogoutResponse's status is not Success (it gives no reason text). */
  logoutNotSuccess: "logout_not_success",
  logoutSignatureFailed: (kind: "LogoutRequest" | "LogoutResponse") => `Signature validation failed. ${kind === "LogoutRequest" ? "Logout Request" : "Logout Response"} rejected`,
} as const;

export const SENTRY = {
  failed: (reason: string) => `SAML SSO failed, ${reason}`,
  mapping: (keys: readonly string[]) =>
    `Failed to map SAML attributes. Assertion returned the following attribute keys: ${[...keys].sort().map(pythonRepr).join(", ")}`,
  /** What the browser shows when python3-saml raises instead of returning an error. */
  serverError: "Sentry answers with an HTTP 500 error page (python3-saml raised an exception instead of reporting a validation error)",
} as const;

export const KEYCLOAK = {
  invalidRequest: "Invalid Request",
  invalidRequester: "Invalid requester",
} as const;

/**
 * python3-saml as Sentry installs it (1.15.0 from PyPI; the texts above are the same in Debian's 1.12), by file of its
 * public repository at that tag: a source a user can open and read. (Plain string literals, not built ones: bundles
 * that import this file for its texts, such as the content script, drop the sources they do not use.)
 */
export const PYTHON3_SAML = "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/";

/** Public sources (Keycloak's, Sentry's and python3-saml's code and docs) the rules cite. */
export const SOURCES = {
  isValid: "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/response.py OneLogin_Saml2_Response.is_valid",
  signedElements: "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/response.py process_signed_elements / validate_signed_elements",
  constructor: "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/response.py OneLogin_Saml2_Response.__init__ (b64decode, to_etree, __decrypt_assertion)",
  attributes: "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/response.py _get_attributes (called by Auth.store_valid_response)",
  sentryMapping: "https://github.com/getsentry/sentry/blob/master/src/sentry/auth/providers/saml2/provider.py SAML2Provider.build_identity; https://docs.sentry.io/organization/authentication/sso/saml2/ (attribute mapping)",
  sentryBindings: "https://github.com/getsentry/sentry/blob/master/src/sentry/auth/providers/saml2/provider.py (ACS POST only, SLS Redirect only) + https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/auth.py",
  /** Keycloak's SAML endpoint: finds the client by the request's Issuer, checks the ACS URL against the client. */
  keycloakSamlService: "https://github.com/keycloak/keycloak/blob/26.7.4/services/src/main/java/org/keycloak/protocol/saml/SamlService.java",
  keycloakErrorPage: "https://github.com/keycloak/keycloak/blob/26.7.4/themes/src/main/resources/theme/base/login/error.ftl",
  logoutIsValid: "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/logout_request.py / logout_response.py is_valid (called by Auth.process_slo in Sentry's SAML2SLSView)",
  sls: "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/auth.py process_slo → __validate_signature (rebuilds the signed query with quote_plus) + https://github.com/getsentry/sentry/blob/master/src/sentry/auth/providers/saml2/views.py SAML2SLSView",
} as const;

/** Python's repr() of a str, as Sentry's mapping error prints the keys. */
function pythonRepr(value: string): string {
  if (value.includes("'") && !value.includes('"')) return `"${value}"`;
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
