/**
 * The real inputs every generator starts from: the signed fixtures, IdP and SP metadata, Keycloak exports and a HAR
 * built from them. Loaded from a repository root given by the caller, because the fuzz worker runs from a bundle in a
 * temporary directory.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import type { SpProfile } from "../../src/core/rules/rule.js";
import { certificatesFromPem } from "../../src/core/saml/signature/trusted-certificates.js";
import type { TrustedCertificate } from "../../src/core/saml/signature/types.js";

/** Signed messages of one fixture family, with the SP profile and clock under which the untouched ones are accepted. */
export interface SignedFamily {
  readonly name: string;
  readonly profile: SpProfile;
  readonly now: Date;
  readonly messages: ReadonlyMap<string, string>;
  /** A certificate that did not sign them. */
  readonly otherCertificate: TrustedCertificate;
}

export interface Corpus {
  readonly root: string;
  /** Every XML file of the fixtures: responses, signed messages, IdP and SP metadata. */
  readonly xml: readonly string[];
  readonly families: readonly SignedFamily[];
  readonly idpMetadata: readonly string[];
  readonly spMetadata: readonly string[];
  readonly pemCertificates: readonly string[];
  readonly keycloakExports: readonly string[];
  readonly har: string;
}

const SENTRY = { spEntityId: "https://sentry.example.com/saml/metadata/acme/", acsUrl: "https://sentry.example.com/saml/acs/acme/", slsUrl: "https://sentry.example.com/saml/sls/acme/" };

function xmlFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(dir).sort()) if (file.endsWith(".xml")) out.set(file.slice(0, -4), readFileSync(join(dir, file), "utf8"));
  return out;
}

function certificate(path: string): TrustedCertificate {
  const read = certificatesFromPem(readFileSync(path, "utf8"), path);
  const first = read.ok ? read.certificates[0] : undefined;
  if (first === undefined) throw new Error(`fixture certificate ${path} is unreadable`);
  return first;
}

function profile(idpEntityId: string, trusted: TrustedCertificate): SpProfile {
  return { ...SENTRY, idpEntityId, trustedCertificates: [trusted], identifierAttribute: "user_email", emailAttribute: "user_email" };
}

export function loadCorpus(root: string): Corpus {
  const fixtures = join(root, "test/fixtures");
  const samlResponses = xmlFiles(join(fixtures, "saml/responses"));
  const signed = xmlFiles(join(fixtures, "signature/signed"));
  const idpMetadata = [...xmlFiles(join(fixtures, "signature/metadata")).values()];
  const spMetadata = [...xmlFiles(join(fixtures, "keycloak/sentry-sp-metadata")).values()];
  const samlIdp = certificate(join(fixtures, "saml/keys/idp-cert.pem"));
  const signatureIdp = certificate(join(fixtures, "signature/keys/idp-rsa.crt.pem"));
  const families: SignedFamily[] = [
    {
      name: "saml",
      profile: profile("https://keycloak.example.com/realms/demo", samlIdp),
      now: new Date("2025-06-01T12:00:00.000Z"),
      messages: new Map([...samlResponses].filter(([name]) => name.startsWith("valid-signed-"))),
      otherCertificate: certificate(join(fixtures, "saml/keys/other-cert.pem")),
    },
    {
      name: "signature",
      profile: profile("https://keycloak.example.com/realms/acme", signatureIdp),
      now: new Date("2025-06-01T10:00:30Z"),
      messages: new Map([...signed].filter(([name]) => /^(xmlsec|xmlcrypto)-.*rsa-sha(256|512)$/.test(name))),
      otherCertificate: certificate(join(fixtures, "signature/keys/other-rsa.crt.pem")),
    },
  ];
  const pemCertificates = readdirSync(join(fixtures, "signature/keys"))
    .filter((file) => file.endsWith(".crt.pem"))
    .sort()
    .map((file) => readFileSync(join(fixtures, "signature/keys", file), "utf8"));
  const keycloakExports = readdirSync(join(fixtures, "keycloak"))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => readFileSync(join(fixtures, "keycloak", file), "utf8"));
  const xml = [...samlResponses.values(), ...signed.values(), ...idpMetadata, ...spMetadata];
  return { root, xml, families, idpMetadata, spMetadata, pemCertificates, keycloakExports, har: buildHar(samlResponses) };
}

/** A capture of a Redirect AuthnRequest and a POSTed Response, shaped as a browser saves it. */
function buildHar(responses: ReadonlyMap<string, string>): string {
  const response = responses.get("valid-signed-both") ?? "";
  const request =
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="ONELOGIN_1" Version="2.0" ' +
    'IssueInstant="2025-06-01T11:59:50Z" Destination="https://keycloak.example.com/realms/demo/protocol/saml" AssertionConsumerServiceURL="https://sentry.example.com/saml/acs/acme/">' +
    "<saml:Issuer>https://sentry.example.com/saml/metadata/acme/</saml:Issuer></samlp:AuthnRequest>";
  const redirect = `https://keycloak.example.com/realms/demo/protocol/saml?SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.from(request)).toString("base64"))}&RelayState=r1`;
  const body = `SAMLResponse=${encodeURIComponent(Buffer.from(response).toString("base64"))}&RelayState=r1`;
  const entry = (method: string, url: string, text?: string) => ({
    startedDateTime: "2025-06-01T11:59:50.000Z",
    time: 10,
    request: {
      method,
      url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [],
      queryString: [],
      ...(text === undefined ? {} : { postData: { mimeType: "application/x-www-form-urlencoded", text } }),
      headersSize: -1,
      bodySize: text?.length ?? 0,
    },
    response: { status: 200, statusText: "OK", httpVersion: "HTTP/1.1", cookies: [], headers: [], content: { size: 0, mimeType: "text/html", text: "<html></html>" }, redirectURL: "", headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  });
  return JSON.stringify({
    log: {
      version: "1.2",
      creator: { name: "fuzz", version: "1" },
      entries: [entry("GET", redirect), entry("POST", "https://sentry.example.com/saml/acs/acme/", body)],
    },
  });
}
