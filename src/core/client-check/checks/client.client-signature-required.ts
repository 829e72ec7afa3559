import { defineCheck } from "../check-context.js";
import { attributeValue, onOff, setSetting, settingFinding, where } from "../check-context.js";
import { isOn } from "../../keycloak/attributes.js";

export const check = defineCheck({
  id: "client.client-signature-required",
  run(context) {
    const expectation = context.preset.keycloak.clientSignatureRequired;
    const wanted = expectation.expected === "true";
    const actual = attributeValue(context, "clientSignatureRequired");
    if (isOn(actual) === wanted) return [];
    return [
      {
        finding: settingFinding("client.client-signature-required", "clientSignatureRequired", expectation, {
          actual: actual ?? null,
          message: `Client signature required is ${onOff(actual)}. ${expectation.explanation}`,
          fix: `Turn ${where("clientSignatureRequired")} ${wanted ? "On and paste the SP's signing certificate" : "Off"}; confirm the console's dialog (this switch saves at once).`,
        }),
        patch: [setSetting("clientSignatureRequired", wanted ? "true" : "false")],
      },
    ];
  },
});
