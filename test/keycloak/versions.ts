/**
 * The Keycloak releases every real-server test runs on: the newest `keycloak-quarkus-dist` Maven Central serves here,
 * and the oldest line the project supports. `SAML_LENS_KEYCLOAK_VERSIONS=26.7.4,25.0.6` runs others.
 */
export const TESTED_KEYCLOAK_VERSIONS = ["26.7.4", "24.0.5"] as const;

export function keycloakVersionsToTest(): string[] {
  const fromEnv = process.env.SAML_LENS_KEYCLOAK_VERSIONS?.split(",").map((version) => version.trim()).filter((version) => version !== "");
  return fromEnv && fromEnv.length > 0 ? fromEnv : [...TESTED_KEYCLOAK_VERSIONS];
}
