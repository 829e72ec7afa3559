import { defineCheck, where } from "../check-context.js";
import { SECURITY_SOURCES, exactRedirectUrisPatch, hasWildcardInHost, securityFinding, sentryAcsUrl } from "../security-support.js";

/** kcwarden SamlClientHasErroneouslyConfiguredWildcardURI: "https://sentry.example.com*" matches any host it prefixes. */
export const check = defineCheck({
  id: "security.redirect-wildcard-host",
  run(context) {
    const uris = context.client.redirectUris ?? [];
    const wrong = uris.filter(hasWildcardInHost);
    if (wrong.length === 0) return [];
    const acs = sentryAcsUrl(context);
    const example = wrong[0] ?? "";
    return [
      {
        finding: securityFinding("security.redirect-wildcard-host", "redirectUris", {
          severity: "error",
          expected: [acs],
          actual: uris,
          message:
            `Valid redirect URI "${example}" has its wildcard in the host name: Keycloak matches by prefix, so ` +
            `"${example.slice(0, -1)}.attacker.example/" matches too. Sentry does not sign its AuthnRequests, so a forged one ` +
            "with Sentry's Client ID makes Keycloak post the user's signed assertion to that other server, which can then log in to Sentry as the user.",
          fix: `Set ${where("redirectUris")} to exactly "${acs}" (Sentry's ACS URL) and remove "${example}".`,
          source: SECURITY_SOURCES.keycloakRedirects,
        }),
        patch: exactRedirectUrisPatch(context),
      },
    ];
  },
});
