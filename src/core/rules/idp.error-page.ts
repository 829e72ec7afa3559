/**
 * Keycloak answers a request it refuses with an HTML error page, not a SAML message. The page's error text is the
 * most precise diagnosis there is, so it is quoted as text (never rendered).
 */
import { KEYCLOAK, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "idp.error-page",
  source: `${SOURCES.keycloakErrorPage} (kc-error-message)`,
  fix: "Invalid requester / SigAlg was null: Clients → <client> → Keys → Client signature required: Off. Invalid Request: Clients → <client> → Settings → Client ID and Valid redirect URIs must match Sentry's SP entity ID and ACS URL.",
  check: (context) => {
    if (context.message?.kind !== "AuthnRequest" && context.message?.kind !== "LogoutRequest") return [];
    const answer = context.captured.answer;
    if (answer?.text === undefined || !/html/i.test(answer.mimeType ?? "html")) return [];
    const error = keycloakErrorText(answer.text);
    if (error === undefined) return [];
    return [
      {
        severity: "error",
        message: `Keycloak answered the ${context.message.kind} with an error page instead of a SAML message: "${error}".`,
        actual: error,
        receiverMessage: error,
        ...(error === KEYCLOAK.invalidRequester ? { fix: "Clients → <client> → Keys → Client signature required: Off (Sentry does not sign its requests)." } : {}),
      },
    ];
  },
});

/** The error text of a Keycloak error page, or `undefined` when the page is not one. */
function keycloakErrorText(html: string): string | undefined {
  const block = /id=["']kc-error-message["'][^>]*>([\s\S]*?)<\/div>/i.exec(html);
  if (block === null) return undefined;
  const text = (block[1] ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return text === "" ? undefined : text;
}
