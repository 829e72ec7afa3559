import type { CheckContext, CheckOutcome } from "../check-context.js";
import { defineCheck } from "../check-context.js";
import { attributeValue, setSetting, settingFinding, where } from "../check-context.js";
import type { JsonPatchOperation } from "../json-patch.js";

export const check = defineCheck({
  id: "client.logout-redirect-url",
  run(context) {
    const expectation = context.preset.keycloak.logoutRedirectUrl;
    const expected = expectation.expected;
    if (expected === null || typeof expected !== "object" || Array.isArray(expected)) return [];
    const url = typeof expected.url === "string" ? expected.url : "";
    const redirectUrl = attributeValue(context, "logoutRedirectUrl")?.trim() ?? "";
    const postUrl = attributeValue(context, "logoutPostUrl")?.trim() ?? "";
    if (expected.binding === "post") {
      if (postUrl === url) return [];
      return [
        {
          finding: settingFinding("client.logout-redirect-url", "logoutPostUrl", expectation, {
            actual: postUrl === "" ? null : postUrl,
            message: `Logout Service POST Binding URL is ${postUrl === "" ? "empty" : `"${postUrl}"`}. ${expectation.explanation}`,
            fix: `Set ${where("logoutPostUrl")} to "${url}".`,
          }),
          patch: [setSetting("logoutPostUrl", url)],
        },
      ];
    }
    const masterUrl = context.client.adminUrl?.trim() ?? "";
    if (postUrl === "" && masterUrl !== "" && attributeValue(context, "forcePostBinding") === "true") {
      return [masterUrlLogout(context, url, masterUrl)];
    }
    if (redirectUrl === url && postUrl === "") return [];
    const patch: JsonPatchOperation[] = [setSetting("logoutRedirectUrl", url)];
    if (postUrl !== "") patch.push(setSetting("logoutPostUrl", ""));
    let message: string;
    let fix = `Set ${where("logoutRedirectUrl")} to "${url}"`;
    if (postUrl !== "") {
      message =
        `Logout Service POST Binding URL is set ("${postUrl}"), so Keycloak sends the logout by POST, which the SP ` +
        "does not read; login still works, logout does not.";
      fix += ` and empty ${where("logoutPostUrl")}`;
    } else if (redirectUrl === "") {
      message = "Logout Service Redirect Binding URL is empty, so Keycloak does not log the user out of the SP.";
    } else if (redirectUrl.replace(/\/+$/, "") === url.replace(/\/+$/, "")) {
      message = `Logout Service Redirect Binding URL "${redirectUrl}" lacks the trailing slash of "${url}".`;
    } else {
      message = `Logout Service Redirect Binding URL is "${redirectUrl}", not the SP's Single Logout Service "${url}".`;
    }
    return [
      {
        finding: settingFinding("client.logout-redirect-url", "logoutRedirectUrl", expectation, {
          actual: { redirect: redirectUrl === "" ? null : redirectUrl, post: postUrl === "" ? null : postUrl },
          message: `${message} ${expectation.explanation}`,
          fix: `${fix}.`,
        }),
        patch,
      },
    ];
  },
});

/**
 * Keycloak answers an SP's LogoutRequest on the POST binding when Force POST binding is on and it has a POST URL for
 * the client, and for that URL it falls back to the Master SAML Processing URL (the client's management URL) when the
 * Logout Service POST Binding URL is empty (SamlService.logoutRequest → SamlProtocol.getLogoutServiceUrl). So a
 * Master SAML Processing URL sends the LogoutResponse by POST to that URL, usually the SP's ACS: logout fails.
 * Measured on Keycloak 24.0.5 and 26.7.4 (test/keycloak/ground-truth.test.ts).
 */
function masterUrlLogout(context: CheckContext, url: string, masterUrl: string): CheckOutcome {
  const expectation = context.preset.keycloak.logoutRedirectUrl;
  const acs = String(context.preset.keycloak.assertionConsumerUrl.expected ?? "");
  const acsPostUrl = attributeValue(context, "assertionConsumerPostUrl")?.trim() ?? "";
  const patch: JsonPatchOperation[] = [setSetting("masterSamlProcessingUrl", ""), setSetting("logoutRedirectUrl", url)];
  if (acsPostUrl === "" && acs !== "") patch.push(setSetting("assertionConsumerPostUrl", acs));
  const target = masterUrl === acs ? "the SP's Assertion Consumer Service, which reads it as a failed login" : `"${masterUrl}"`;
  return {
    finding: settingFinding("client.logout-redirect-url", "masterSamlProcessingUrl", expectation, {
      actual: { masterSamlProcessingUrl: masterUrl, forcePostBinding: true },
      message:
        `Master SAML Processing URL is set ("${masterUrl}") and Force POST binding is On, so Keycloak answers the SP's ` +
        `logout with a POST to that URL (it stands in for the empty Logout Service POST Binding URL): ${target}. ` +
        `Login still works, logout does not. ${expectation.explanation}`,
      fix:
        `Empty ${where("masterSamlProcessingUrl")}` +
        (acsPostUrl === "" && acs !== "" ? ` and set ${where("assertionConsumerPostUrl")} to "${acs}" (IdP-initiated login uses it)` : "") +
        `; keep ${where("logoutRedirectUrl")} at "${url}".`,
    }),
    patch,
  };
}
