/** Small readings of a rule context that several rules share. */
import type { Assertion, LogoutRequest, LogoutResponse, SamlResponse } from "../saml/model.js";
import type { RuleContext } from "./rule.js";

/** The Response as the service provider reads it, or `undefined` for any other message or receiver. */
export function spResponse(context: RuleContext): SamlResponse | undefined {
  return context.receiver === "sp" && context.message?.kind === "Response" ? context.message : undefined;
}

/** A logout message Sentry's SLS receives, or `undefined` for any other message or receiver. */
export function spLogout(context: RuleContext): LogoutRequest | LogoutResponse | undefined {
  const message = context.message;
  return context.receiver === "sp" && (message?.kind === "LogoutRequest" || message?.kind === "LogoutResponse") ? message : undefined;
}

/** The assertion python3-saml reads (a Response with anything but one assertion is rejected before it matters). */
export function spAssertion(context: RuleContext): { response: SamlResponse; assertion: Assertion } | undefined {
  const response = spResponse(context);
  const assertion = response?.assertions[0];
  return response === undefined || assertion === undefined ? undefined : { response, assertion };
}

/**
 * The URL python3-saml believes it was reached at: Sentry builds it from `system.url-prefix` (scheme, host, port) and
 * the request path, i.e. the ACS URL. Host and scheme lower-cased, default port dropped, as `get_self_url_no_query`.
 */
export function receivedAt(acsUrl: string): string {
  // Several rules ask for it for every message, always with the profile's one ACS URL.
  if (acsUrl === lastAcsUrl) return lastReceivedAt;
  let result: string;
  try {
    const url = new URL(acsUrl);
    result = `${url.protocol}//${url.hostname}${url.port === "" ? "" : `:${url.port}`}${url.pathname}`;
  } catch {
    result = acsUrl;
  }
  lastAcsUrl = acsUrl;
  lastReceivedAt = result;
  return result;
}

let lastAcsUrl: string | undefined;
let lastReceivedAt = "";

/** python3-saml's `normalize_url`: only scheme and host are lower-cased. */
export function normalizeUrl(url: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(url);
  if (match === null) return url;
  return `${(match[1] ?? "").toLowerCase()}://${(match[2] ?? "").toLowerCase()}${match[3] ?? ""}`;
}

/** Quotes a value for messages so that whitespace and emptiness stay visible. */
export function quote(value: string | undefined): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}
