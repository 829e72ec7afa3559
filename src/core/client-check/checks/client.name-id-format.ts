import { defineCheck } from "../check-context.js";
import { attributeValue, setSetting, settingFinding, where } from "../check-context.js";
import { isOn } from "../../keycloak/attributes.js";

/** Keycloak's value when the attribute is absent at creation (SamlProtocolFactory.setupClientDefaults). */
const KEYCLOAK_DEFAULT_FORMAT = "username";

export const check = defineCheck({
  id: "client.name-id-format",
  run(context) {
    const expectation = context.preset.keycloak.nameIdFormat;
    const expected = expectation.expected;
    if (expected === null || typeof expected !== "object" || Array.isArray(expected)) return [];
    const formats = Array.isArray(expected.formats) ? expected.formats.map(String) : [];
    const format = attributeValue(context, "nameIdFormat") ?? KEYCLOAK_DEFAULT_FORMAT;
    const forced = isOn(attributeValue(context, "forceNameIdFormat"));
    const goodFormat = formats.includes(format);
    if (goodFormat && forced) return [];
    const chosen = goodFormat ? format : (formats[0] ?? "email");
    return [
      {
        finding: settingFinding("client.name-id-format", goodFormat ? "forceNameIdFormat" : "nameIdFormat", expectation, {
          actual: { format, force: forced },
          message: goodFormat
            ? `Name ID format is "${format}" but not forced, so Keycloak answers the SP's request for "unspecified" with the username. ${expectation.explanation}`
            : `Name ID format is "${format}"${forced ? "" : " (not forced)"}. ${expectation.explanation}`,
          fix: goodFormat
            ? `Turn ${where("forceNameIdFormat")} On.`
            : `Set ${where("nameIdFormat")} to ${chosen} and turn Force name ID format On.`,
        }),
        patch: [setSetting("nameIdFormat", chosen), setSetting("forceNameIdFormat", "true")],
      },
    ];
  },
});
