import { attributeValue, defineCheck, onOff, setSetting, where } from "../check-context.js";
import { SECURITY_SOURCES, securityFinding } from "../security-support.js";
import { isOn } from "../../keycloak/attributes.js";

/** Sign documents and Sign assertions both Off: nothing proves the response came from Keycloak (also a fit error). */
export const check = defineCheck({
  id: "security.unsigned",
  run(context) {
    const documents = attributeValue(context, "signDocuments");
    const assertions = attributeValue(context, "signAssertions");
    if (isOn(documents) || isOn(assertions)) return [];
    return [
      {
        finding: securityFinding("security.unsigned", "signDocuments", {
          severity: "error",
          expected: "Sign documents On, Sign assertions On",
          actual: `Sign documents ${onOff(documents)}, Sign assertions ${onOff(assertions)}`,
          message:
            "Keycloak signs neither the response nor the assertion: anyone could write one naming any user. Sentry refuses unsigned " +
            "responses, so this also breaks login, but an SP that accepted them would let anyone in as anyone.",
          fix: `Turn ${where("signDocuments")} On and ${where("signAssertions")} On.`,
          source: SECURITY_SOURCES.owasp,
        }),
        patch: [setSetting("signDocuments", "true"), setSetting("signAssertions", "true")],
      },
    ];
  },
});
