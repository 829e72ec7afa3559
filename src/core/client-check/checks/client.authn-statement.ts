import { defineCheck } from "../check-context.js";
import { attributeValue, onOff, setSetting, settingFinding, where } from "../check-context.js";
import { isOn } from "../../keycloak/attributes.js";

export const check = defineCheck({
  id: "client.authn-statement",
  run(context) {
    const expectation = context.preset.keycloak.includeAuthnStatement;
    const actual = attributeValue(context, "includeAuthnStatement");
    if (isOn(actual)) return [];
    return [
      {
        finding: settingFinding("client.authn-statement", "includeAuthnStatement", expectation, {
          actual: actual ?? null,
          message: `Include AuthnStatement is ${onOff(actual)}, so Keycloak's assertions carry no AuthnStatement. ${expectation.explanation}`,
          fix: `Turn ${where("includeAuthnStatement")} On.`,
        }),
        patch: [setSetting("includeAuthnStatement", "true")],
      },
    ];
  },
});
