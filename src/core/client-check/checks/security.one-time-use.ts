import { attributeValue, defineCheck, where } from "../check-context.js";
import { SECURITY_SOURCES, securityFinding } from "../security-support.js";
import { isOn } from "../../keycloak/attributes.js";

/**
 * kcwarden SamlClientWithoutOneTimeUseCondition. python3-saml ignores <OneTimeUse> and Sentry keeps no record of
 * assertion IDs, so the switch changes nothing for Sentry: a stolen response can be replayed until NotOnOrAfter either
 * way. What limits replay is that only Sentry's ACS receives responses (exact redirect URIs, TLS) and their short life.
 */
export const check = defineCheck({
  id: "security.one-time-use",
  run(context) {
    const actual = attributeValue(context, "includeOneTimeUseCondition");
    if (isOn(actual)) return [];
    return [
      {
        finding: securityFinding("security.one-time-use", "includeOneTimeUseCondition", {
          severity: "info",
          expected: "false",
          actual: actual ?? null,
          message:
            "Include OneTimeUse Condition is Off. Sentry's python3-saml does not enforce OneTimeUse and keeps no record of assertion IDs, so turning it On " +
            "would not stop a replay to Sentry; a captured response stays usable until its NotOnOrAfter. Replay is limited by posting responses only to " +
            "Sentry's https ACS URL (exact Valid redirect URIs) and by the short assertion lifetime (Advanced › Assertion Lifespan).",
          fix: `Nothing Sentry acts on; ${where("includeOneTimeUseCondition")} may be turned On to satisfy an audit (Sentry ignores it).`,
          source: SECURITY_SOURCES.samlSecurity,
          accepted: "OneTimeUse Off: Sentry (python3-saml) does not enforce it; replay is limited by exact redirect URIs, TLS and the assertion's short lifetime.",
        }),
        patch: [],
      },
    ];
  },
});
