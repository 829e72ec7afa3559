import { defineCheck } from "../check-context.js";
import { attributeValue, onOff, setSetting, settingFinding, where } from "../check-context.js";
import { isOn } from "../../keycloak/attributes.js";

export const check = defineCheck({
  id: "client.signing",
  run(context) {
    const expectation = context.preset.keycloak.signing;
    const documents = attributeValue(context, "signDocuments");
    const assertions = attributeValue(context, "signAssertions");
    const actual = `Sign documents ${onOff(documents)}, Sign assertions ${onOff(assertions)}`;
    if (expectation.expected === "assertions") {
      if (isOn(assertions)) return [];
      return [
        {
          finding: settingFinding("client.signing", "signAssertions", expectation, {
            expected: "Sign assertions On",
            actual,
            message: `The assertion is not signed (${actual}). ${expectation.explanation}`,
            fix: `Turn ${where("signAssertions")} On.`,
          }),
          patch: [setSetting("signAssertions", "true")],
        },
      ];
    }
    if (isOn(documents) || isOn(assertions)) return [];
    return [
      {
        finding: settingFinding("client.signing", "signDocuments", expectation, {
          expected: "Sign documents On, or Sign assertions On (or both)",
          actual,
          message: `Keycloak sends the response unsigned (${actual}). ${expectation.explanation}`,
          fix: `Turn ${where("signDocuments")} On (Sign assertions may stay as it is).`,
        }),
        patch: [setSetting("signDocuments", "true")],
      },
    ];
  },
});
