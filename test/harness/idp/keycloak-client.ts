/**
 * The Keycloak client record, as the admin console edits it (a ClientRepresentation), read the way Keycloak's
 * SamlClient reads it (org.keycloak.protocol.saml.SamlClient / SamlConfigAttributes). Attribute values are the strings
 * "true"/"false" and Keycloak tests them with `"true".equals(value)`: a missing switch is off. (The defaults a *new*
 * client gets — signing on, client signature required on, … — are written into the record when it is created.)
 */
export interface ProtocolMapper {
  readonly name: string;
  readonly protocol?: string;
  readonly protocolMapper: string;
  readonly config?: Readonly<Record<string, string>>;
}

export interface KeycloakClient {
  readonly id?: string;
  readonly clientId: string;
  readonly protocol?: string;
  readonly enabled?: boolean;
  readonly rootUrl?: string;
  readonly adminUrl?: string;
  readonly redirectUris?: readonly string[];
  readonly frontchannelLogout?: boolean;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly protocolMappers?: readonly ProtocolMapper[];
  /** Names of the client scopes linked as default (realm-export shape). */
  readonly defaultClientScopes?: readonly string[];
}

export interface KeycloakClientScope {
  readonly name: string;
  readonly protocol?: string;
  readonly protocolMappers?: readonly ProtocolMapper[];
}

export interface KeycloakUser {
  readonly id: string;
  readonly username: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly enabled?: boolean;
  readonly realmRoles?: readonly string[];
  readonly credentials?: readonly { readonly type: string; readonly value?: string }[];
}

export const SIGNATURE_ALGORITHMS = {
  RSA_SHA1: { signature: "http://www.w3.org/2000/09/xmldsig#rsa-sha1", digest: "http://www.w3.org/2000/09/xmldsig#sha1", node: "RSA-SHA1" },
  RSA_SHA256: { signature: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", digest: "http://www.w3.org/2001/04/xmlenc#sha256", node: "RSA-SHA256" },
  RSA_SHA512: { signature: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", digest: "http://www.w3.org/2001/04/xmlenc#sha512", node: "RSA-SHA512" },
} as const;
export type SignatureAlgorithmName = keyof typeof SIGNATURE_ALGORITHMS;

const NAME_ID_FORMATS: Readonly<Record<string, string>> = {
  username: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  email: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  transient: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
  persistent: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
};

export interface SamlClientSettings {
  readonly signDocuments: boolean;
  readonly signAssertions: boolean;
  readonly signatureAlgorithm: SignatureAlgorithmName;
  readonly canonicalization: string;
  readonly keyNameTransformer: "NONE" | "KEY_ID" | "CERT_SUBJECT";
  readonly encryptAssertions: boolean;
  readonly encryptionCertificate: string | undefined;
  readonly clientSignatureRequired: boolean;
  readonly forcePostBinding: boolean;
  readonly includeAuthnStatement: boolean;
  readonly oneTimeUseCondition: boolean;
  readonly nameIdFormat: string;
  readonly nameIdFormatKey: string;
  readonly forceNameIdFormat: boolean;
  readonly acsPost: string | undefined;
  readonly acsRedirect: string | undefined;
  readonly logoutRedirect: string | undefined;
  readonly logoutPost: string | undefined;
  readonly idpInitiatedName: string | undefined;
  readonly idpInitiatedRelayState: string | undefined;
  /** Seconds: Conditions NotOnOrAfter. Keycloak's `saml.assertion.lifespan`, else the realm's access code lifespan (60 s by default). */
  readonly assertionLifespan: number;
  /**
   * Seconds: SubjectConfirmationData NotOnOrAfter. `saml.assertion.lifespan`, else the realm's access token lifespan
   * (300 s by default): SamlProtocol.authenticated's subjectExpiration, seen on the real server (test/keycloak).
   */
  readonly subjectLifespan: number;
}

export function samlSettings(client: KeycloakClient): SamlClientSettings {
  const attributes = client.attributes ?? {};
  const flag = (key: string) => attributes[key] === "true";
  const text = (key: string) => {
    const value = attributes[key];
    return value === undefined || value.trim() === "" ? undefined : value;
  };
  const algorithm = text("saml.signature.algorithm") ?? "RSA_SHA256";
  const formatKey = text("saml_name_id_format") ?? "username";
  const transformer = text("saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer") ?? "KEY_ID";
  const lifespan = Number(text("saml.assertion.lifespan"));
  return {
    signDocuments: flag("saml.server.signature"),
    signAssertions: flag("saml.assertion.signature"),
    signatureAlgorithm: algorithm in SIGNATURE_ALGORITHMS ? (algorithm as SignatureAlgorithmName) : "RSA_SHA256",
    canonicalization: text("saml_signature_canonicalization_method") ?? "http://www.w3.org/2001/10/xml-exc-c14n#",
    keyNameTransformer: transformer === "NONE" || transformer === "CERT_SUBJECT" ? transformer : "KEY_ID",
    encryptAssertions: flag("saml.encrypt"),
    encryptionCertificate: text("saml.encryption.certificate"),
    clientSignatureRequired: flag("saml.client.signature"),
    forcePostBinding: flag("saml.force.post.binding"),
    includeAuthnStatement: flag("saml.authnstatement"),
    oneTimeUseCondition: flag("saml.onetimeuse.condition"),
    nameIdFormat: NAME_ID_FORMATS[formatKey] ?? NAME_ID_FORMATS.username ?? "",
    nameIdFormatKey: formatKey,
    forceNameIdFormat: flag("saml_force_name_id_format"),
    acsPost: text("saml_assertion_consumer_url_post"),
    acsRedirect: text("saml_assertion_consumer_url_redirect"),
    logoutRedirect: text("saml_single_logout_service_url_redirect"),
    logoutPost: text("saml_single_logout_service_url_post"),
    idpInitiatedName: text("saml_idp_initiated_sso_url_name"),
    idpInitiatedRelayState: text("saml_idp_initiated_sso_relay_state"),
    assertionLifespan: Number.isFinite(lifespan) && lifespan > 0 ? lifespan : 60,
    subjectLifespan: Number.isFinite(lifespan) && lifespan > 0 ? lifespan : 300,
  };
}

/**
 * Keycloak's RedirectUtils.verifyRedirectUri, simplified: exact match or a trailing-`*` prefix match against the
 * client's Valid redirect URIs (relative ones resolved against Root URL). No valid URIs → nothing is valid.
 */
export function verifyRedirectUri(client: KeycloakClient, redirect: string): string | null {
  const valid = (client.redirectUris ?? []).map((uri) => (uri.startsWith("/") && client.rootUrl ? client.rootUrl.replace(/\/$/, "") + uri : uri));
  for (const pattern of valid) {
    if (pattern === "*" || pattern === "+") return redirect;
    if (pattern.endsWith("*") ? redirect.startsWith(pattern.slice(0, -1)) : redirect === pattern) return redirect;
  }
  return null;
}
