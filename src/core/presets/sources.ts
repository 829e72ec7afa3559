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
