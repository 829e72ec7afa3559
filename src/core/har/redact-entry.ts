/**
 * Redaction of one HAR entry for sharing (a support ticket, an issue): the SAML messages are redacted inside and
 * re-encoded; cookies, credentials and tokens in headers, query strings and form bodies are masked; e-mail addresses
 * and every value redacted from a SAML message are masked wherever else they appear (page text, URLs, RelayState).
 * Bodies that are not text are dropped. What a reader needs to follow the flow — methods, URLs, statuses, header
 * names, timings — is kept.
 */
import type { Binding } from "../saml/decode.js";
import { REDACTED, zeroedBase64, type Pseudonyms } from "./pseudonyms.js";
import { redactEmbeddedSaml, redactSamlParameter, type RedactedParameter } from "./redact-parameter.js";
import type { HarImportEntry } from "./schema.js";

/** Parameters and form fields whose values are credentials or session tokens. */
const SENSITIVE_PARAMETER = /^(pass(word|wd)?|username|user|email|login|login_hint|otp|totp|code|session_code|session_state|state|nonce|(access|id|refresh)_?token|token|client_secret|credential(id)?|samlart|auth|key|api_?key|secret)$/i;
const SENSITIVE_HEADER = /^(x-(csrf|xsrf)-?token|x-auth-token|x-api-key|x-amz-security-token|x-goog-authenticated-user-email)$/i;
const URL_HEADER = /^(location|referer|origin|content-location|refresh)$/i;
const SAML_PARAMETER = /^SAML(Request|Response)$/;

/** Base64 long enough to be a SAML message, wherever it stands in a page (a textarea, a script). */
const BASE64_RUN = /[A-Za-z0-9+/_-]{100,}={0,2}/g;

export class EntryRedactor {
  private readonly notes = new Set<string>();

  constructor(private readonly pseudonyms: Pseudonyms) {}

  /** What was done to the entries so far, for the entry comment. */
  takeNotes(): string[] {
    const notes = [...this.notes];
    this.notes.clear();
    return notes;
  }

  /** Decodes the SAML parameters first, so that their secrets are known before any free text is scrubbed. */
  learn(entry: HarImportEntry): void {
    this.redactUrl(entry.request.url, "HTTP-Redirect");
    const post = entry.request.postData;
    if (post?.text !== undefined && post.text.includes("SAMLRe")) this.redactForm(post.text);
    for (const param of post?.params ?? []) if (SAML_PARAMETER.test(param.name)) this.parameter(param.name, param.value ?? "", "HTTP-POST");
    this.takeNotes();
  }

  redact(entry: HarImportEntry): HarImportEntry {
    const { request, response } = entry;
    const url = this.redactUrl(request.url, "HTTP-Redirect");
    const post = request.postData;
    const redacted: HarImportEntry = {
      ...entry,
      request: {
        ...request,
        url,
        headers: request.headers?.map((header) => ({ name: header.name, value: this.header(header.name, header.value) })),
        cookies: request.cookies?.map((cookie) => ({ name: cookie.name, value: REDACTED })),
        queryString: queryOf(url),
        postData:
          post === undefined
            ? undefined
            : {
                mimeType: post.mimeType,
                text: post.text === undefined ? undefined : looksLikeForm(post.mimeType, post.text) ? this.redactForm(post.text) : this.redactText(post.text),
                params: post.params?.map((param) => ({ name: param.name, value: param.value === undefined ? undefined : this.parameter(param.name, param.value, "HTTP-POST") })),
              },
      },
      response:
        response === undefined
          ? undefined
          : {
              ...response,
              headers: response.headers?.map((header) => ({ name: header.name, value: this.header(header.name, header.value) })),
              cookies: response.cookies?.map((cookie) => ({ name: cookie.name, value: REDACTED })),
              redirectURL: response.redirectURL === undefined || response.redirectURL === "" ? response.redirectURL : this.redactUrl(response.redirectURL, "HTTP-Redirect"),
              content: response.content === undefined ? undefined : this.content(response.content),
            },
      comment: entry.comment === undefined ? undefined : this.pseudonyms.scrub(entry.comment),
    };
    return redacted;
  }

  private content(content: NonNullable<NonNullable<HarImportEntry["response"]>["content"]>): typeof content {
    const text = content.text;
    if (text === undefined || text === "") return content;
    if (content.encoding === "base64" || !/html|text|xml|json|javascript/i.test(content.mimeType ?? "")) {
      this.notes.add("response body dropped (not text)");
      return { mimeType: content.mimeType, text: undefined, encoding: undefined };
    }
    return { ...content, text: this.redactPage(text) };
  }

  /** A page: the SAML form fields an IdP posts on, credentials in other fields, then free text. */
  private redactPage(html: string): string {
    const fields = html.replace(/<(input|textarea)\b[^>]*>/gi, (tag) => {
      const name = /\bname\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
      if (name === undefined) return tag;
      return tag.replace(/(\bvalue\s*=\s*)(["'])([^"']*)\2/i, (_match, start: string, quote: string, value: string) => {
        const replaced = this.parameter(name, decodeHtml(value), "HTTP-POST");
        return `${start}${quote}${escapeHtml(replaced)}${quote}`;
      });
    });
    return this.redactText(fields);
  }

  /** Free text: any embedded SAML message, then e-mail addresses and known secrets. */
  private redactText(text: string): string {
    const embedded = text.replace(BASE64_RUN, (run) => this.embedded(run));
    return this.pseudonyms.scrub(embedded);
  }

  private redactForm(body: string): string {
    return this.redactQuery(body, "HTTP-POST");
  }

  private redactUrl(url: string, binding: Binding): string {
    const hash = url.indexOf("#");
    const withoutFragment = hash < 0 ? url : url.slice(0, hash);
    const fragment = hash < 0 ? "" : `#${this.pseudonyms.scrub(url.slice(hash + 1))}`;
    const question = withoutFragment.indexOf("?");
    if (question < 0) return this.pseudonyms.scrub(withoutFragment) + fragment;
    const base = this.pseudonyms.scrub(withoutFragment.slice(0, question));
    return `${base}?${this.redactQuery(withoutFragment.slice(question + 1), binding)}${fragment}`;
  }

  /** A query string or form body; written anew only when a value changed, so untouched ones keep their encoding. */
  private redactQuery(query: string, binding: Binding): string {
    const params = new URLSearchParams(query);
    let changed = false;
    const out = new URLSearchParams();
    for (const [name, value] of params) {
      const redacted = this.parameter(name, value, binding);
      if (redacted !== value) changed = true;
      out.append(name, redacted);
    }
    return changed ? out.toString() : query;
  }

  private parameter(name: string, value: string, binding: Binding): string {
    if (SAML_PARAMETER.test(name)) return this.noted(redactSamlParameter(value, binding, this.pseudonyms));
    if (name === "Signature") {
      this.notes.add("Redirect binding signature zeroed");
      return zeroedBase64(value);
    }
    if (SENSITIVE_PARAMETER.test(name)) {
      if (value !== "") this.notes.add(`${name} masked`);
      return value === "" ? value : REDACTED;
    }
    return this.pseudonyms.scrub(value);
  }

  private header(name: string, value: string): string {
    const lower = name.toLowerCase();
    if (lower === "cookie") return value.replace(/([^=;\s]+)=[^;]*/g, `$1=${REDACTED}`);
    if (lower === "set-cookie") return value.replace(/^([^=;\s]+)=[^;]*/, `$1=${REDACTED}`);
    if (lower === "authorization" || lower === "proxy-authorization") {
      const scheme = /^\s*([A-Za-z-]+)\s+\S/.exec(value)?.[1];
      return scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
    }
    if (SENSITIVE_HEADER.test(name)) return REDACTED;
    if (URL_HEADER.test(name) && /^https?:\/\//i.test(value.trim())) return this.redactUrl(value.trim(), "HTTP-Redirect");
    return this.redactText(value);
  }

  private embedded(run: string): string {
    const redacted = redactEmbeddedSaml(run, this.pseudonyms);
    if (redacted === undefined) return run;
    this.notes.add("SAML message in the page redacted and re-encoded");
    return redacted;
  }

  private noted(redacted: RedactedParameter): string {
    this.notes.add(
      redacted.outcome === "redacted"
        ? "SAML message redacted and re-encoded"
        : redacted.outcome === "redacted-by-pattern"
          ? "SAML message redacted by pattern (its XML does not parse)"
          : "SAML value replaced (it cannot be decoded, so its content cannot be checked)",
    );
    return redacted.value;
  }
}

function queryOf(url: string): { name: string; value: string }[] {
  const question = url.indexOf("?");
  if (question < 0) return [];
  const query = url.slice(question + 1).split("#")[0] ?? "";
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
}

function looksLikeForm(mimeType: string, text: string): boolean {
  return /x-www-form-urlencoded/i.test(mimeType) || /^[\w.-]+=[^\s&]*(&[\w.-]+=[^\s&]*)*$/.test(text.trim());
}

function decodeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_match, entity: string) =>
    entity === "amp" ? "&" : entity === "lt" ? "<" : entity === "gt" ? ">" : entity === "quot" ? '"' : "'",
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
