import { defineCheck, setSetting, where } from "../check-context.js";
import { ENDPOINT_SETTINGS, SECURITY_SOURCES, endpointTarget, endpointValue, isWildcard, securityFinding } from "../security-support.js";

/**
 * A "*" in the ACS, logout or Master SAML Processing URL: these are addresses Keycloak posts to, not patterns, so a
 * wildcard there means the value was copied from Valid redirect URIs; Keycloak sends the user's assertion (or logout)
 * to a URL that is no Sentry endpoint.
 */
export const check = defineCheck({
  id: "security.endpoint-wildcard",
  run(context) {
    return ENDPOINT_SETTINGS.flatMap((setting) => {
      const value = endpointValue(context, setting);
      if (!isWildcard(value)) return [];
      const target = endpointTarget(context, setting);
      return [
        {
          finding: securityFinding("security.endpoint-wildcard", setting, {
            severity: "warning",
            expected: target,
            actual: value,
            message:
              `${where(setting)} is "${value}". Keycloak does not expand a wildcard here: it posts the SAML message to this literal URL, ` +
              `which is not Sentry's endpoint. Give the exact URL so that the signed assertion only ever goes to Sentry.`,
            fix: target === "" ? `Clear ${where(setting)}.` : `Set ${where(setting)} to exactly "${target}".`,
            source: SECURITY_SOURCES.keycloakRedirects,
          }),
          patch: [setSetting(setting, target)],
        },
      ];
    });
  },
});
