import { PY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "response.binding",
  source: `${SOURCES.sentryBindings} → Auth.process_response`,
  fix: "Clients → <client> → Settings → SAML capabilities → Force POST binding: On.",
  check: (context) => {
    if (spResponse(context) === undefined || context.captured.bindingInferred || context.captured.binding === "HTTP-POST") return [];
    return [
      {
        severity: "error",
        message: `The Response was sent with the HTTP-Redirect binding; Sentry's ACS reads only a POSTed SAMLResponse. python3-saml: "${PY.onlyPostBinding}".`,
        expected: "HTTP-POST",
        actual: context.captured.binding,
        receiverMessage: PY.onlyPostBinding,
      },
    ];
  },
});
