import { PY, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "logout.binding",
  source: `${SOURCES.sentryBindings} → Auth.process_slo (reads the query string only)`,
  fix: "Clients → <client> → Advanced → Fine Grain SAML Endpoint Configuration → Logout Service Redirect Binding URL: Sentry's SLS URL (…/saml/sls/<org>/); leave Logout Service POST Binding URL empty.",
  check: (context) => {
    const kind = context.message?.kind;
    if ((kind !== "LogoutRequest" && kind !== "LogoutResponse") || context.receiver !== "sp") return [];
    if (context.captured.bindingInferred || context.captured.binding === "HTTP-Redirect") return [];
    return [
      {
        severity: "error",
        message: `The ${kind} was POSTed to Sentry; Sentry's SLS reads only the HTTP-Redirect binding, so logout fails. python3-saml: "${PY.onlyRedirectLogout}".`,
        expected: "HTTP-Redirect",
        actual: context.captured.binding,
        receiverMessage: PY.onlyRedirectLogout,
      },
    ];
  },
});
