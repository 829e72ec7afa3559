import type { ClientCheck } from "../check-context.js";
import { attributeValue, setSetting, settingFinding, where } from "../check-context.js";
import type { JsonPatchOperation } from "../json-patch.js";

export const logoutRedirectUrlCheck: ClientCheck = {
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
};
