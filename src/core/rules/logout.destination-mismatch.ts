import { normalizeUrl, receivedAt, spLogout } from "./context-helpers.js";
import { PY, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "logout.destination-mismatch",
  source: `${SOURCES.logoutIsValid} → normalize_url(Destination).startswith(current URL)`,
  fix: "Clients → <client> → Advanced → Fine Grain SAML Endpoint Configuration → Logout Service Redirect Binding URL: Sentry's SLS URL (…/saml/sls/<org>/), trailing slash included (Keycloak writes it as Destination). If only http/https differs, fix Sentry's system.url-prefix.",
  check: (context) => {
    const logout = spLogout(context);
    const destination = logout?.destination;
    const slsUrl = context.profile.slsUrl;
    if (logout === undefined || destination === undefined || destination === "" || slsUrl === undefined) return [];
    // Sentry reaches python3-saml with its url-prefix and the path of the SLS view.
    const current = receivedAt(slsUrl);
    if (normalizeUrl(destination).startsWith(normalizeUrl(current))) return [];
    const text = PY.logoutWrongDestination(logout.kind, current, destination);
    return [
      {
        severity: "error",
        message: `The ${logout.kind}'s Destination is not where Sentry's SLS is, so Sentry ignores the logout: the session is not ended there and Keycloak gets no answer. python3-saml: "${text}".`,
        expected: `Destination starting with ${current}`,
        actual: destination,
        receiverMessage: text,
      },
    ];
  },
});
