/** The SAML parameters of one HTTP request, from its query string or its form body. */
import type { Binding } from "../saml/decode.js";
import type { CapturedMessage, HttpAnswer, SamlParameter } from "./captured.js";

export interface RequestContext {
  readonly url: string | undefined;
  readonly startedAt: string | undefined;
  readonly origin: string;
  readonly answer: HttpAnswer | undefined;
}

/** Messages in a query string (HTTP-Redirect). `search` may start with "?". */
export function messagesFromQuery(search: string, context: RequestContext): CapturedMessage[] {
  return messagesFrom(new URLSearchParams(search.startsWith("?") ? search.slice(1) : search), "HTTP-Redirect", context);
}

/** Messages in an `application/x-www-form-urlencoded` body (HTTP-POST). */
export function messagesFromForm(body: string, context: RequestContext): CapturedMessage[] {
  return messagesFrom(new URLSearchParams(body.trim()), "HTTP-POST", context);
}

function messagesFrom(params: URLSearchParams, binding: Binding, context: RequestContext): CapturedMessage[] {
  const out: CapturedMessage[] = [];
  for (const parameter of ["SAMLRequest", "SAMLResponse"] as const satisfies readonly SamlParameter[]) {
    const value = params.get(parameter);
    if (value === null) continue;
    out.push({
      parameter,
      binding,
      bindingInferred: false,
      value,
      encoding: "base64",
      relayState: params.get("RelayState") ?? undefined,
      sigAlg: params.get("SigAlg") ?? undefined,
      signature: params.get("Signature") ?? undefined,
      url: context.url,
      startedAt: context.startedAt,
      origin: context.origin,
      answer: context.answer,
    });
  }
  return out;
}
