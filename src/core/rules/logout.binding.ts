import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "logout.binding",
  source: `${SOURCES.sentryBindings} → Auth.process_slo (reads the query string only)`,
  fix: "Clients → <client> → Advanced → Fine Grain SAML Endpoint Configuration → Logout Service Redirect Binding URL: Sentry's SLS URL (…/saml/sls/<org>/); leave Logout Service POST Binding URL empty.",
  check: (context) => {
    const kind = context.message?.kind;
    if ((kind !== "LogoutRequest" && kind !== "LogoutResponse") || context.receiver !== "sp") return [];
    if (context.captured.bindingInferred || context.captured.binding === "HTTP-Redirect") return [];
    if (postedToAcs(context.captured.url, context.profile.acsUrl)) {
      // Keycloak does this when Force POST binding is on and the Master SAML Processing URL is set: that URL stands in
      // for an empty Logout Service POST Binding URL. Sentry's ACS reads the message as a login Response.
      return [
        {
          severity: "error",
          message:
            `The ${kind} was POSTed to Sentry's Assertion Consumer Service, which reads it as a login response and fails: ` +
            `"${SENTRY.failed(PY.missingStatus)}". Logout does not happen.`,
          expected: "HTTP-Redirect to the Single Logout Service",
          actual: `HTTP-POST to ${context.captured.url ?? "the ACS"}`,
          receiverMessage: PY.missingStatus,
          fix:
            "Clients → <client> → Settings → Master SAML Processing URL: empty (Keycloak posts logout messages there when Force POST binding is on); " +
            "Advanced → Assertion Consumer Service POST Binding URL: Sentry's ACS, Logout Service Redirect Binding URL: Sentry's SLS.",
        },
      ];
    }
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

/** The URL is the SP's ACS (trailing slash and query aside), or any Sentry ACS route when the profile has none. */
function postedToAcs(url: string | undefined, acsUrl: string | undefined): boolean {
  if (url === undefined) return false;
  const bare = (value: string) => value.split("?")[0]?.replace(/\/+$/, "") ?? "";
  if (acsUrl !== undefined) return bare(url) === bare(acsUrl);
  return /\/saml\/acs\/[^/?]+\/?(?:\?|$)/.test(url);
}
