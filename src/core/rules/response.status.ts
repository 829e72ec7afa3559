import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

export const rule = defineRule({
  id: "response.status",
  source: `${SOURCES.isValid} → check_status / utils.get_status`,
  fix: "Keycloak answered with an error status: read the reason in Keycloak's server log or in Realm settings → Events (LOGIN_ERROR). InvalidNameIDPolicy comes from Settings → SAML capabilities → Name ID format.",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined) return [];
    const status = response.status;
    let text: string | undefined;
    if (status === undefined) text = PY.missingStatus;
    else if (status.code === undefined) text = PY.missingStatusCode;
    else if (status.code !== SUCCESS && status.code !== "") {
      text = PY.status(status.code, status.message !== undefined && status.message !== "" ? status.message : status.subCode);
    }
    if (text === undefined) return [];
    const policy = status?.subCode?.endsWith(":InvalidNameIDPolicy") === true;
    return [
      {
        severity: "error",
        message: `The Response's status is not Success. python3-saml: "${text}" (Sentry shows "${SENTRY.failed(text)}").`,
        expected: SUCCESS,
        actual: [status?.code, status?.subCode, status?.message].filter((part) => part !== undefined && part !== "").join(" / ") || "(no status)",
        receiverMessage: text,
        ...(policy ? { fix: "Settings → SAML capabilities → Name ID format (pick one Sentry accepts, e.g. email) and turn on Force name ID format." } : {}),
      },
    ];
  },
});
