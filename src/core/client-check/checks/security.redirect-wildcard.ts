import { defineCheck, where } from "../check-context.js";
import { SECURITY_SOURCES, exactRedirectUrisPatch, hasWildcardInHost, isWildcard, securityFinding, sentryAcsUrl } from "../security-support.js";

/**
 * kcwarden SamlClientShouldNotUseWildcardRedirectURI (and ClientMustNotUseGlobalWildcardURI for a lone "*"). With
 * Client signature required Off, which Sentry needs, anyone can write an AuthnRequest with Sentry's Client ID: the
 * redirect URI list is then all that decides where Keycloak posts the user's signed assertion.
 */
export const check = defineCheck({
  id: "security.redirect-wildcard",
  run(context) {
    const uris = context.client.redirectUris ?? [];
    // A wildcard in the host is its own, worse finding (security.redirect-wildcard-host).
    const wildcards = uris.filter((uri) => isWildcard(uri) && !hasWildcardInHost(uri));
    if (wildcards.length === 0) return [];
    const acs = sentryAcsUrl(context);
    // "/*" is relative (to the Root URL, or Keycloak's own host): a prefix on one host, not any URL.
    const global = wildcards.some((uri) => uri === "*" || /^https?:\/\/\*$/i.test(uri));
    return [
      {
        finding: securityFinding("security.redirect-wildcard", "redirectUris", {
          severity: global ? "error" : "warning",
          expected: [acs],
          actual: uris,
          message:
            `Valid redirect URIs holds ${wildcards.map((uri) => `"${uri}"`).join(", ")}. Sentry does not sign its AuthnRequests, so ` +
            `anyone can send Keycloak one with Sentry's Client ID and an AssertionConsumerServiceURL of their choosing; ` +
            (global
              ? "with this pattern Keycloak posts the user's signed assertion to any URL it names, and whoever receives it logs in to Sentry as that user."
              : `Keycloak posts the user's signed assertion to any URL under that prefix (another path on the same host, an open redirect there) instead of only to Sentry's ACS.`),
          fix: `Set ${where("redirectUris")} to exactly "${acs}" (Sentry's ACS URL, trailing slash included) and remove the wildcard entries.`,
          source: SECURITY_SOURCES.keycloakRedirects,
        }),
        patch: exactRedirectUrisPatch(context),
      },
    ];
  },
});
