/**
 * The Keycloak releases every real-server test runs on: the newest `keycloak-quarkus-dist` Maven Central serves here,
 * and the oldest line the project supports. `SAML_LENS_KEYCLOAK_VERSIONS=26.7.4,25.0.6` runs others
 * (`none`: none, to run console-releases.test.ts alone).
 */
export const TESTED_KEYCLOAK_VERSIONS = ["26.7.4", "24.0.5"] as const;

export function keycloakVersionsToTest(): string[] {
  const fromEnv = process.env.SAML_LENS_KEYCLOAK_VERSIONS?.split(",").map((version) => version.trim()).filter((version) => version !== "");
  if (fromEnv?.[0] === "none") return [];
  return fromEnv && fromEnv.length > 0 ? fromEnv : [...TESTED_KEYCLOAK_VERSIONS];
}

/**
 * One server release per line Maven Central serves here besides the tested two (26.6.x is not served: its console is
 * checked from npm on the bench), for console-releases.test.ts. `SAML_LENS_CONSOLE_RELEASES=26.2.5` runs others;
 * `SAML_LENS_CONSOLE_RELEASES=none` none.
 */
export const CONSOLE_RELEASES = ["25.0.6", "26.0.7", "26.1.4", "26.2.5", "26.3.5", "26.4.7", "26.5.6"] as const;

export function consoleReleasesToTest(): string[] {
  const fromEnv = process.env.SAML_LENS_CONSOLE_RELEASES?.split(",").map((version) => version.trim()).filter((version) => version !== "");
  if (fromEnv?.[0] === "none") return [];
  return fromEnv && fromEnv.length > 0 ? fromEnv : [...CONSOLE_RELEASES];
}
