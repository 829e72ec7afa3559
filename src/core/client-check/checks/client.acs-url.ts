import { defineCheck } from "../check-context.js";
import { attributeValue, setSetting, settingFinding, where } from "../check-context.js";

export const check = defineCheck({
  id: "client.acs-url",
  run(context) {
    const expectation = context.preset.keycloak.assertionConsumerUrl;
    const expected = String(expectation.expected ?? "");
    const postUrl = attributeValue(context, "assertionConsumerPostUrl")?.trim() ?? "";
    const masterUrl = context.client.adminUrl?.trim() ?? "";
    // Keycloak takes the POST binding URL first and falls back to the Master SAML Processing URL (SamlService).
    const effective = postUrl !== "" ? postUrl : masterUrl;
    if (expected === "" || effective === expected) return [];
    const which = postUrl !== "" ? "Assertion Consumer Service POST Binding URL" : "Master SAML Processing URL";
    const message =
      effective === ""
        ? "Neither Assertion Consumer Service POST Binding URL nor Master SAML Processing URL is set, so IdP-initiated " +
          "login has nowhere to send the response (Keycloak: \"Invalid redirect uri\"); SP-initiated login is not affected."
        : effective.replace(/\/+$/, "") === expected.replace(/\/+$/, "")
          ? `${which} "${effective}" lacks the trailing slash of "${expected}".`
          : `${which} is "${effective}", not Sentry's Assertion Consumer Service "${expected}".`;
    return [
      {
        finding: settingFinding("client.acs-url", "assertionConsumerPostUrl", expectation, {
          actual: effective === "" ? null : effective,
          message: `${message} ${expectation.explanation}`,
          fix: `Set ${where("assertionConsumerPostUrl")} to "${expected}".`,
        }),
        patch: [setSetting("assertionConsumerPostUrl", expected)],
      },
    ];
  },
});
