/** Public documents every expectation and finding points to, so a user can check our claim: python3-saml at the release
 * Sentry installs (1.15.0), Keycloak at the release the tests run (26.7.4), Sentry as it is today. */
export const SOURCES = {
  sentryProvider: "https://github.com/getsentry/sentry/blob/master/src/sentry/auth/providers/saml2/provider.py",
  sentryForms: "https://github.com/getsentry/sentry/blob/master/src/sentry/auth/providers/saml2/forms.py",
  pythonSamlResponse: "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/response.py",
  pythonSamlAuth: "https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/auth.py",
  keycloakSamlClients: "https://www.keycloak.org/docs/latest/server_admin/#_client-saml-configuration",
  keycloakSamlService:
    "https://github.com/keycloak/keycloak/blob/26.7.4/services/src/main/java/org/keycloak/protocol/saml/SamlService.java",
  keycloakSamlProtocol:
    "https://github.com/keycloak/keycloak/blob/26.7.4/services/src/main/java/org/keycloak/protocol/saml/SamlProtocol.java",
  keycloakRoleListMapper:
    "https://github.com/keycloak/keycloak/blob/26.7.4/services/src/main/java/org/keycloak/protocol/saml/mappers/RoleListMapper.java",
  keycloakClientScopes: "https://www.keycloak.org/docs/latest/server_admin/#_client_scopes",
  samlMetadata: "https://docs.oasis-open.org/security/saml/v2.0/saml-metadata-2.0-os.pdf",
} as const;

/** Where the security findings (client checks security.*, message rules security.*) come from. */
export const SECURITY_SOURCES = {
  owasp: "OWASP SAML Security Cheat Sheet, https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html",
  samlSecurity: "SAML 2.0 Security and Privacy Considerations (saml-sec-consider-2.0-os), https://docs.oasis-open.org/security/saml/v2.0/saml-sec-consider-2.0-os.pdf",
  samlProfiles: "SAML 2.0 Profiles (saml-profiles-2.0-os) §4.1.4.2: a bearer assertion MUST carry an AudienceRestriction naming the SP, https://docs.oasis-open.org/security/saml/v2.0/saml-profiles-2.0-os.pdf",
  keycloakRedirects: "Keycloak Server Administration Guide, Threat model mitigation › Unspecific redirect URIs, https://www.keycloak.org/docs/latest/server_admin/",
  keycloakSaml: "Keycloak Server Administration Guide, Creating a SAML client, https://www.keycloak.org/docs/latest/server_admin/#_client-saml-configuration",
  nist: "NIST SP 800-131A Rev. 2 (SHA-1 signatures and RSA keys under 2048 bits disallowed), https://csrc.nist.gov/pubs/sp/800/131/a/r2/final",
} as const;
