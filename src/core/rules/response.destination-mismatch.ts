import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { normalizeUrl, quote, receivedAt, spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "response.destination-mismatch",
  source: `${SOURCES.isValid} → Destination check (normalize_url(destination).startswith(current_url))`,
  fix: "Advanced → Fine Grain SAML Endpoint Configuration → Assertion Consumer Service POST Binding URL (and Settings → Master SAML Processing URL): set it to Sentry's ACS URL, trailing slash included. If the scheme differs (http vs https), fix Sentry's system.url-prefix instead.",
  check: (context) => {
    const response = spResponse(context);
    const acsUrl = context.profile.acsUrl;
    if (response === undefined || response.destination === undefined || acsUrl === undefined) return [];
    const currentUrl = receivedAt(acsUrl);
    if (response.destination === "") {
      return [{ severity: "error", message: `python3-saml: "${PY.emptyDestination}" (Sentry shows "${SENTRY.failed(PY.emptyDestination)}").`, expected: currentUrl, actual: '""', receiverMessage: PY.emptyDestination }];
    }
    if (normalizeUrl(response.destination).startsWith(normalizeUrl(currentUrl))) return [];
    const text = PY.wrongDestination(currentUrl, response.destination);
    return [
      {
        severity: "error",
        message: `The Response's Destination is not Sentry's ACS URL. python3-saml: "${text}" (Sentry shows "${SENTRY.failed(text)}").`,
        expected: currentUrl,
        actual: quote(response.destination),
        receiverMessage: text,
      },
    ];
  },
});
