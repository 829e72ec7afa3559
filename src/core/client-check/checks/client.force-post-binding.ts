import { defineCheck } from "../check-context.js";
import { attributeValue, onOff, setSetting, settingFinding, where } from "../check-context.js";
import { isOn } from "../../keycloak/attributes.js";

export const check = defineCheck({
  id: "client.force-post-binding",
  run(context) {
    const expectation = context.preset.keycloak.forcePostBinding;
    const actual = attributeValue(context, "forcePostBinding");
    const wanted = expectation.expected === "true";
    if (isOn(actual) === wanted) return [];
    return [
      {
        finding: settingFinding("client.force-post-binding", "forcePostBinding", expectation, {
          actual: actual ?? null,
          message: `Force POST binding is ${onOff(actual)}. ${expectation.explanation}`,
          fix: `Turn ${where("forcePostBinding")} ${wanted ? "On" : "Off"}.`,
        }),
        patch: [setSetting("forcePostBinding", wanted ? "true" : "false")],
      },
    ];
  },
});
