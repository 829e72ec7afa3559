import { defineCheck } from "../check-context.js";
import { attributeValue, setSetting, settingFinding, where } from "../check-context.js";
import { isOn } from "../../keycloak/attributes.js";

export const check = defineCheck({
  id: "client.encrypt-assertions",
  run(context) {
    const expectation = context.preset.keycloak.encryptAssertions;
    if (expectation.expected !== "false") return [];
    const actual = attributeValue(context, "encryptAssertions");
    if (!isOn(actual)) return [];
    return [
      {
        finding: settingFinding("client.encrypt-assertions", "encryptAssertions", expectation, {
          actual: actual ?? null,
          message: `Encrypt assertions is On. ${expectation.explanation}`,
          fix: `Turn ${where("encryptAssertions")} Off and confirm the console's dialog (this switch saves at once).`,
        }),
        patch: [setSetting("encryptAssertions", "false")],
      },
    ];
  },
});
