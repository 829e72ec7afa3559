/**
 * How Keycloak writes a query parameter value: KeycloakUriBuilder.queryParam → Encode.encodeQueryParamAsIs.
 * Its table keeps A–Z a–z 0–9 and - . _ ~ ?, writes a space as +, and hands every other ASCII character to Java's
 * URLEncoder, which keeps * as well and escapes the rest in upper-case hex. Above ASCII it encodes one UTF-16 unit at
 * a time, so a character outside the BMP (two surrogates) becomes %3F%3F. Python's quote_plus, with which
 * python3-saml rebuilds a signed query, differs from this only on ? and * (and those surrogates).
 */
const KEPT = /[A-Za-z0-9\-._~?*]/;
const utf8 = new TextEncoder();

export function keycloakQueryParam(value: string): string {
  let out = "";
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    const char = value.charAt(index);
    if (KEPT.test(char)) out += char;
    else if (char === " ") out += "+";
    else if (unit >= 0xd800 && unit <= 0xdfff) out += "%3F";
    else for (const byte of utf8.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
