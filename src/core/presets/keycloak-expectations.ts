/**
 * From what the SP is to what its Keycloak client must look like. One function for every preset, so a preset read
 * from Sentry's metadata and one built from Sentry's URL cannot drift apart.
 */
import { BINDING } from "./saml-constants.js";
import type { ExpectedSetting, KeycloakExpectations, SpDescription } from "./schema.js";
import { SOURCES } from "./sources.js";

/** Signing the checker accepts, in the admin console's words. */
export type SigningExpectation = "documents-or-assertions" | "assertions";

export interface LogoutExpectation {
  readonly url: string;
  readonly binding: "redirect" | "post";
}

function setting(expected: ExpectedSetting["expected"], severity: ExpectedSetting["severity"], explanation: string, source: string): ExpectedSetting {
  return { expected, severity, explanation, source };
}

export function keycloakExpectations(sp: SpDescription): KeycloakExpectations {
  const isSentry = sp.validator !== null;
  const spName = isSentry ? "Sentry" : "The service provider";
  const spSource = isSentry ? SOURCES.sentryProvider : SOURCES.samlMetadata;
  const validatorSource = isSentry ? SOURCES.pythonSamlResponse : SOURCES.samlMetadata;
  const acs = sp.assertionConsumerServices.find((service) => service.binding === BINDING.post) ?? sp.assertionConsumerServices[0];
  const acsUrl = acs?.url ?? "";
  const postOnly = sp.assertionConsumerServices.every((service) => service.binding === BINDING.post);
  const redirectSls = sp.singleLogoutServices.find((service) => service.binding === BINDING.redirect);
  const postSls = sp.singleLogoutServices.find((service) => service.binding === BINDING.post);
  const logout: LogoutExpectation | null =
    redirectSls !== undefined
      ? { url: redirectSls.url, binding: "redirect" }
      : postSls !== undefined
        ? { url: postSls.url, binding: "post" }
        : null;
  const email = sp.attributes.required.find((attribute) => attribute.key === "user_email");
  const identifier = sp.attributes.required.find((attribute) => attribute.key === "identifier");
  const signing: SigningExpectation = sp.wantsAssertionsSigned ? "assertions" : "documents-or-assertions";

  return {
    protocol: setting("saml", "error", `${spName} speaks SAML 2.0; an OpenID Connect client never answers its requests.`, SOURCES.keycloakSamlClients),
    clientId: setting(
      sp.entityId,
      "error",
      `Keycloak finds the client by the Issuer of ${spName}'s AuthnRequest, which is its entity ID "${sp.entityId}", ` +
        `compared character by character (the trailing slash included). Anything else: Keycloak answers ` +
        `"Invalid Request" (event error client_not_found).`,
      spSource,
    ),
    forcePostBinding: setting(
      postOnly ? "true" : "false",
      "warning",
      postOnly
        ? `${spName}'s Assertion Consumer Service accepts only HTTP-POST. Its AuthnRequest asks for POST, so ` +
            `SP-initiated login works either way, but IdP-initiated login and logout follow this switch.`
        : `${spName} accepts responses by redirect, so POST need not be forced.`,
      SOURCES.keycloakSamlProtocol,
    ),
    includeAuthnStatement: setting(
      "true",
      sp.validator?.requiresAuthnStatement === false ? "warning" : "error",
      isSentry
        ? `python3-saml in strict mode rejects an assertion without AuthnStatement ("The Assertion must include an ` +
            `AuthnStatement element").`
        : "Most service providers require an AuthnStatement in the assertion.",
      validatorSource,
    ),
    signing: setting(
      signing,
      "error",
      signing === "assertions"
        ? `${spName}'s metadata says WantAssertionsSigned="true": the assertion itself must be signed (Sign assertions on).`
        : `${spName} rejects a response in which neither the Response nor the Assertion is signed ` +
            `("No Signature found. SAML Response rejected"). Turn on Sign documents or Sign assertions (or both).`,
      isSentry ? SOURCES.pythonSamlResponse : SOURCES.samlMetadata,
    ),
    signatureAlgorithm: setting(
      "RSA_SHA256",
      "warning",
      isSentry
        ? "Sentry's python3-saml settings name RSA-SHA256 (digest SHA-256); RSA_SHA256 is also Keycloak's default. " +
            "SHA-1 is deprecated, and the MGF1 (RSA-PSS) and DSA variants are not what Sentry is set up for."
        : "RSA_SHA256 is what nearly every SAML service provider verifies; it is Keycloak's default.",
      isSentry ? SOURCES.sentryProvider : SOURCES.keycloakSamlClients,
    ),
    encryptAssertions: setting(
      sp.canDecryptAssertions ? null : "false",
      sp.canDecryptAssertions ? "info" : "error",
      sp.canDecryptAssertions
        ? `${spName} published an encryption certificate, so it may read encrypted assertions.`
        : `${spName} has no private key to decrypt an assertion` +
            (isSentry ? "; an encrypted assertion makes python3-saml fail and Sentry answers with an HTTP 500." : "."),
      isSentry ? SOURCES.sentryProvider : SOURCES.samlMetadata,
    ),
    clientSignatureRequired: setting(
      sp.signsAuthnRequests ? "true" : "false",
      sp.signsAuthnRequests ? "suggestion" : "error",
      sp.signsAuthnRequests
        ? `${spName} signs its AuthnRequests (AuthnRequestsSigned="true"); requiring the signature lets Keycloak check ` +
            "them, with the SP's certificate on the Keys tab."
        : `${spName} does not sign its AuthnRequests. Keycloak turns this switch on for every new SAML client and then ` +
            `refuses the unsigned request: the browser shows "Invalid requester", the server log "SigAlg was null".`,
      SOURCES.keycloakSamlService,
    ),
    redirectUris: setting(
      [acsUrl],
      "error",
      `${spName}'s AuthnRequest names its Assertion Consumer Service "${acsUrl}", and Keycloak accepts it only if it ` +
        `matches a Valid redirect URI (an exact URL or a pattern ending in *). Otherwise Keycloak shows "Invalid redirect uri".`,
      SOURCES.keycloakSamlService,
    ),
    assertionConsumerUrl: setting(
      acsUrl,
      "warning",
      `Where Keycloak posts the response when no AuthnRequest names it (IdP-initiated login): ` +
        `"Assertion Consumer Service POST Binding URL" (Advanced tab), or "Master SAML Processing URL". ` +
        `It must be "${acsUrl}", trailing slash included.`,
      SOURCES.keycloakSamlService,
    ),
    logoutRedirectUrl: setting(
      logout === null ? null : { url: logout.url, binding: logout.binding },
      logout === null ? "info" : "warning",
      logout === null
        ? `${spName} publishes no Single Logout Service.`
        : logout.binding === "redirect"
          ? `${spName}'s Single Logout Service "${logout.url}" reads only the HTTP-Redirect binding` +
            (isSentry ? " (python3-saml's process_slo reads the query string)" : "") +
            `. Put it in "Logout Service Redirect Binding URL" and leave the POST binding URL empty: Keycloak ` +
            `prefers the POST URL whenever one is set, and ${spName} cannot read a POSTed logout.`
          : `${spName}'s Single Logout Service "${logout.url}" uses HTTP-POST.`,
      isSentry ? SOURCES.pythonSamlAuth : SOURCES.samlMetadata,
    ),
    frontChannelLogout: setting(
      true,
      logout === null ? "info" : "warning",
      `With Front channel logout off, Keycloak logs the user out of ${spName} by a server-to-server request ` +
        `(back channel), which ${spName}'s browser-based Single Logout Service does not handle.`,
      SOURCES.keycloakSamlProtocol,
    ),
    nameIdFormat: setting(
      { formats: ["email", "persistent"], force: true },
      "suggestion",
      isSentry
        ? "Sentry does not read the NameID (wantNameId is off), so any format works. Its AuthnRequest asks for the " +
            `"unspecified" format, which Keycloak answers with the username unless Force name ID format is on; ` +
            "email or persistent, forced, give a NameID that means something in logs."
        : "email or persistent, forced, give a NameID that stays meaningful.",
      SOURCES.keycloakSamlClients,
    ),
    emailAttribute: setting(
      email?.samlName ?? null,
      email === undefined ? "info" : "error",
      email === undefined
        ? `${spName}'s metadata does not say which attribute carries the e-mail.`
        : `${spName} reads "${email.label}" from the SAML attribute whose Name is "${email.samlName}" ` +
            `(not its FriendlyName). Without it: "Failed to map SAML attributes. Assertion returned the following ` +
            "attribute keys: …\".",
      SOURCES.sentryProvider,
    ),
    identifierAttribute: setting(
      identifier?.samlName ?? null,
      identifier === undefined ? "info" : "error",
      identifier === undefined
        ? `${spName}'s metadata does not say which attribute identifies the user.`
        : `${spName} reads "${identifier.label}" from the SAML attribute whose Name is "${identifier.samlName}". ` +
            "Without it the login fails with \"Failed to map SAML attributes\".",
      SOURCES.sentryProvider,
    ),
    uniqueAttributeNames: setting(
      true,
      sp.validator?.rejectsDuplicateAttributeNames === true ? "error" : "warning",
      sp.validator?.rejectsDuplicateAttributeNames === true
        ? "python3-saml refuses a response with two Attribute elements of the same Name (\"Found an Attribute element " +
            "with duplicated Name\"), and Sentry answers with an HTTP 500. Keycloak's role list mapper emits one " +
            "\"Role\" attribute per role unless Single Role Attribute is on."
        : "Two attributes with the same Name confuse most service providers.",
      isSentry ? SOURCES.pythonSamlResponse : SOURCES.keycloakRoleListMapper,
    ),
    stableIdentifier: setting(
      "a stable attribute (Keycloak user id)",
      isSentry ? "suggestion" : "info",
      `Using the e-mail as ${identifier?.label ?? "the user identifier"} works, but ties the identity to the address: ` +
        `a changed e-mail becomes a new identity in ${spName}. A "User Property" mapper with property "id" is stable.`,
      SOURCES.sentryForms,
    ),
  };
}
