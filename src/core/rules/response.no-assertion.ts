import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

export const rule = defineRule({
  id: "response.no-assertion",
  source: `${SOURCES.isValid} → validate_num_assertions`,
  fix: "Keycloak sends no assertion with an error status: fix the status first (see response.status).",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined || response.assertionCountAnywhere !== 0) return [];
    // After an error status python3-saml stops at the status; the missing assertion is a consequence, not a cause.
    const statusFailed = response.status?.code !== undefined && response.status.code !== SUCCESS;
    return [
      {
        severity: statusFailed ? "info" : "error",
        message: statusFailed
          ? "The Response carries no assertion, as expected with an error status."
          : `The Response carries no assertion. python3-saml: "${PY.assertionCount}" (Sentry shows "${SENTRY.failed(PY.assertionCount)}").`,
        expected: "1 assertion",
        actual: "0",
        ...(statusFailed ? {} : { receiverMessage: PY.assertionCount }),
      },
    ];
  },
});
