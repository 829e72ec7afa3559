import { defineCheck, setSetting, where } from "../check-context.js";
import {
  ENDPOINT_SETTINGS,
  SECURITY_SOURCES,
  endpointTarget,
  endpointValue,
  exactRedirectUrisPatch,
  isPlainHttpNonLocal,
  securityFinding,
  sentryAcsUrl,
} from "../security-support.js";

const SENTRY_OVER_HTTP =
  "Sentry's own URL prefix is http://, so every assertion crosses the network readable and replayable: serve Sentry over TLS and set system.url-prefix to its https:// URL (self-hosted: config.yml), then re-run this check.";

/**
 * kcwarden ClientMustNotUseUnencryptedNonlocalRedirectUri: a SAML response is a bearer credential (Sentry asks for no
 * more than the assertion), so plain http to another machine lets anyone on the path log in as the user.
 */
export const check = defineCheck({
  id: "security.http-url",
  run(context) {
    const acs = sentryAcsUrl(context);
    const sentryHttp = isPlainHttpNonLocal(acs);
    const uris = (context.client.redirectUris ?? []).filter(isPlainHttpNonLocal);
    const outcomes = [];
    if (uris.length > 0) {
      outcomes.push({
        finding: securityFinding("security.http-url", "redirectUris", {
          severity: "warning",
          expected: [acs],
          actual: context.client.redirectUris ?? [],
          message:
            `Valid redirect URIs allows plain http to another host (${uris.map((uri) => `"${uri}"`).join(", ")}): Keycloak would post the ` +
            "user's signed assertion there unencrypted, and anyone on the path can replay it to Sentry until it expires.",
          fix: sentryHttp ? SENTRY_OVER_HTTP : `Set ${where("redirectUris")} to exactly "${acs}".`,
          source: SECURITY_SOURCES.owasp,
        }),
        patch: sentryHttp ? [] : exactRedirectUrisPatch(context),
      });
    }
    for (const setting of ENDPOINT_SETTINGS) {
      const value = endpointValue(context, setting);
      if (!isPlainHttpNonLocal(value)) continue;
      const target = endpointTarget(context, setting);
      const fixable = !isPlainHttpNonLocal(target);
      outcomes.push({
        finding: securityFinding("security.http-url", setting, {
          severity: "warning",
          expected: target,
          actual: value,
          message: `${where(setting)} is "${value}", plain http to another host: the SAML message Keycloak posts there travels unencrypted.`,
          fix: fixable ? (target === "" ? `Clear ${where(setting)}.` : `Set ${where(setting)} to "${target}".`) : SENTRY_OVER_HTTP,
          source: SECURITY_SOURCES.owasp,
        }),
        patch: fixable ? [setSetting(setting, target)] : [],
      });
    }
    return outcomes;
  },
});
