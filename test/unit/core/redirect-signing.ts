/** Redirect-binding logout messages from the test IdP to Sentry's SLS, signed in the query string with node:crypto (OpenSSL). */
import { createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { FIXTURES, NOW, fixtureIndex } from "./fixtures.js";

export const { slsUrl, idpEntityId } = fixtureIndex.profile;
export const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
export const RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
const key = (name: "idp" | "other") => readFileSync(join(FIXTURES, "keys", `${name}-key.pem`), "utf8");

export interface LogoutFields {
  readonly destination?: string;
  readonly issuer?: string;
  readonly notOnOrAfter?: string;
  readonly status?: string;
}

export function logoutRequest(id: string, fields: LogoutFields = {}): string {
  return (
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
    `Destination="${fields.destination ?? slsUrl}" ID="${id}" IssueInstant="${NOW.toISOString()}"${fields.notOnOrAfter === undefined ? "" : ` NotOnOrAfter="${fields.notOnOrAfter}"`} Version="2.0">` +
    `<saml:Issuer>${fields.issuer ?? idpEntityId}</saml:Issuer>` +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">ada@example.com</saml:NameID>` +
    `<samlp:SessionIndex>session-${id}</samlp:SessionIndex></samlp:LogoutRequest>`
  );
}

export function logoutResponse(id: string, fields: LogoutFields = {}): string {
  return (
    `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
    `Destination="${fields.destination ?? slsUrl}" ID="${id}" InResponseTo="ONELOGIN_logout_${id}" IssueInstant="${NOW.toISOString()}" Version="2.0">` +
    `<saml:Issuer>${fields.issuer ?? idpEntityId}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${fields.status ?? "Success"}"/></samlp:Status></samlp:LogoutResponse>`
  );
}

/** Python's quote_plus (what python3-saml re-encodes with). */
export const pythonEncoding = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+");
/** How Keycloak encodes the query it signs (Encode.encodeQueryParamAsIs): "?" and "*" kept. */
export { keycloakQueryParam as keycloakEncoding } from "../../harness/idp/query-encoding.js";

export interface Signing {
  readonly xml: string;
  readonly parameter?: "SAMLRequest" | "SAMLResponse";
  readonly relayState?: string;
  readonly sigAlg?: string | null;
  readonly key?: "idp" | "other";
  /** Any other private key (PEM), e.g. an EC one. */
  readonly keyPem?: string;
  readonly encode?: (value: string) => string;
  /** Changes the signed query before it is sent. */
  readonly tamper?: (query: string) => string;
  readonly signature?: string;
  /** Sent without SigAlg and Signature. */
  readonly unsigned?: boolean;
}

/** The query of the GET to Sentry's SLS: the message, RelayState and SigAlg as encoded, signed, then the Signature. */
export function signedQuery(signing: Signing): string {
  const encode = signing.encode ?? pythonEncoding;
  const sigAlg = signing.sigAlg === undefined ? RSA_SHA256 : signing.sigAlg;
  const parts = [`${signing.parameter ?? "SAMLRequest"}=${encode(deflateRawSync(Buffer.from(signing.xml)).toString("base64"))}`];
  if (signing.relayState !== undefined) parts.push(`RelayState=${encode(signing.relayState)}`);
  if (signing.unsigned === true) return parts.join("&");
  if (sigAlg !== null) parts.push(`SigAlg=${encode(sigAlg)}`);
  const signed = parts.join("&");
  const signer = createSign(sigAlg === RSA_SHA1 || sigAlg === null ? "RSA-SHA1" : "RSA-SHA256");
  signer.update(signed);
  const signature = signing.signature ?? signer.sign(signing.keyPem ?? key(signing.key ?? "idp")).toString("base64");
  return `${(signing.tamper ?? ((query) => query))(signed)}&Signature=${encode(signature)}`;
}

