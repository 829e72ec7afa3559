/**
 * What the receiver answered, when the capture holds its answer: that outranks any prediction. Keycloak refuses a
 * request with its error page (HTTP 400, the reason in `kc-error-message`) and answers one it accepts with its login
 * page or the Response form; Sentry shows its error text ("SAML SSO failed, …", "Failed to map SAML attributes…"),
 * answers a crash of python3-saml with HTTP 500, sends a refused login back to its login page and a successful one on
 * into the organization. An answer that tells none of these apart (a bare 200 from Sentry) is no evidence.
 */
import type { CapturedMessage } from "../input/captured.js";
import type { Receiver } from "../rules/rule.js";
import type { MessageKind, SamlMessage } from "../saml/model.js";
import { keycloakErrorText } from "../rules/idp.error-page.js";

export interface ReceiverAnswer {
  readonly outcome: "accepted" | "refused";
  /** The answer, in words: "Keycloak answered HTTP 400 with its error page". */
  readonly says: string;
  /** The receiver's own text, when its answer shows one. */
  readonly receiverMessage?: string;
}

const SENTRY_TEXTS = [/SAML SSO failed, [^<\n]*/, /Failed to map SAML attributes\.[^<\n]*/, /The organization does not exist or does not have SAML SSO enabled\./];

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").trim();
}

function keycloakAnswer(answer: NonNullable<CapturedMessage["answer"]>, kind: MessageKind): ReceiverAnswer | undefined {
  const error = answer.text === undefined ? undefined : keycloakErrorText(answer.text);
  if (error !== undefined) return { outcome: "refused", says: `Keycloak answered the ${kind} with its error page: "${error}"`, receiverMessage: error };
  if (answer.status >= 400) return { outcome: "refused", says: `Keycloak answered the ${kind} with HTTP ${answer.status} (an error page, not its login page)` };
  if (kind !== "AuthnRequest") return undefined;
  if (answer.status >= 300) return { outcome: "accepted", says: `Keycloak answered the AuthnRequest with a redirect (HTTP ${answer.status}), not an error page` };
  if (answer.status === 200) return { outcome: "accepted", says: "Keycloak answered the AuthnRequest with HTTP 200 (its login page or the Response form), not an error page" };
  return undefined;
}

function sentryAnswer(answer: NonNullable<CapturedMessage["answer"]>): ReceiverAnswer | undefined {
  if (answer.status >= 500) return { outcome: "refused", says: `Sentry answered HTTP ${answer.status}: its SAML library failed on this Response` };
  const text = answer.text ?? "";
  for (const pattern of SENTRY_TEXTS) {
    const match = pattern.exec(text);
    if (match !== null) {
      const message = unescapeHtml(match[0]);
      return { outcome: "refused", says: `Sentry answered with its error: "${message}"`, receiverMessage: message };
    }
  }
  if (/data-kind=["']logged-in["']/.test(text)) return { outcome: "accepted", says: "Sentry answered with its logged-in page" };
  const location = answer.location;
  if (answer.status >= 300 && answer.status < 400 && location !== undefined && location !== "") {
    if (/\/auth\/login\//.test(location)) return { outcome: "refused", says: `Sentry sent the browser back to its login page (${location}), where it shows why` };
    return { outcome: "accepted", says: `Sentry logged the user in and sent the browser on to ${location}` };
  }
  return undefined;
}

const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

/**
 * Keycloak's SAML answer to a request, when the capture paired one with it (InResponseTo or RelayState): a Response
 * (or LogoutResponse) is Keycloak going on with the request, its status says whether it granted it.
 */
export function pairedAnswerOf(kind: MessageKind | undefined, answer: SamlMessage | undefined): ReceiverAnswer | undefined {
  if (answer === undefined || (kind !== "AuthnRequest" && kind !== "LogoutRequest")) return undefined;
  if (answer.kind !== "Response" && answer.kind !== "LogoutResponse") return undefined;
  const code = answer.status?.code;
  if (code === undefined || code === SUCCESS) return { outcome: "accepted", says: `Keycloak answered the ${kind} with a ${answer.kind} (ID ${answer.id ?? "none"}) in the capture` };
  return { outcome: "refused", says: `Keycloak answered the ${kind} with a ${answer.kind} whose status is ${code.split(":").pop() ?? code}` };
}

/** The receiver's answer to this message, when the capture holds one that tells acceptance from refusal. */
export function receiverAnswerOf(captured: CapturedMessage, kind: MessageKind | undefined, receiver: Receiver): ReceiverAnswer | undefined {
  const answer = captured.answer;
  if (answer === undefined || answer.status <= 0 || kind === undefined) return undefined;
  if (receiver === "idp" && (kind === "AuthnRequest" || kind === "LogoutRequest")) return keycloakAnswer(answer, kind);
  // Sentry's SLS answers a logout it ignored as it answers one it followed: only its Response answers tell.
  if (receiver === "sp" && kind === "Response") return sentryAnswer(answer);
  return undefined;
}
