/**
 * Reads what the product shows and uses from an X.509 certificate: subject, issuer, validity, SHA-256 fingerprint,
 * and the SubjectPublicKeyInfo that WebCrypto imports. It does not validate chains: python3-saml trusts exactly the
 * certificate configured for the IdP, and so do we.
 */
import type { CertificateInfo } from "../saml/signature/types";
import { DerError, TAG, expectTag, readChildren, readNode, readOid, type DerNode } from "./der";
import { sha256 } from "./sha256";

export interface InputError {
  readonly code: string;
  readonly message: string;
}

export type EcCurve = "P-256" | "P-384" | "P-521";

export type PublicKeyKind = { readonly kind: "RSA" } | { readonly kind: "EC"; readonly curve: EcCurve } | { readonly kind: "unknown"; readonly algorithm: string };

export interface Certificate {
  readonly der: Uint8Array;
  readonly info: CertificateInfo;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER SubjectPublicKeyInfo, as `crypto.subtle.importKey("spki", …)` wants it. */
  readonly spki: Uint8Array;
  readonly publicKey: PublicKeyKind;
}

export type CertificateResult = { readonly ok: true; readonly certificate: Certificate } | { readonly ok: false; readonly error: InputError };

const OID_RSA = "1.2.840.113549.1.1.1";
const OID_EC = "1.2.840.10045.2.1";
const CURVES: Readonly<Record<string, EcCurve>> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
};

const NAME_TYPES: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "STREET",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.5": "SERIALNUMBER",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
  "1.2.840.113549.1.9.1": "E",
};

/** Parses a DER certificate. Never throws. */
export function readCertificate(der: Uint8Array): CertificateResult {
  try {
    return { ok: true, certificate: parse(der) };
  } catch (error) {
    const detail = error instanceof DerError ? error.message : String(error);
    return { ok: false, error: { code: "certificate.malformed", message: `This is not a readable X.509 certificate (${detail}).` } };
  }
}

function parse(der: Uint8Array): Certificate {
  const outer = expectTag(readNode(der), TAG.sequence, "Certificate");
  if (outer.encoded.length !== der.length) throw new DerError("trailing bytes after the certificate");
  const [tbsNode] = readChildren(outer);
  const tbs = readChildren(expectTag(tbsNode, TAG.sequence, "TBSCertificate"));
  // The version is an optional [0] EXPLICIT field; skip it when present.
  const fields = tbs[0]?.tag === 0xa0 ? tbs.slice(1) : tbs;
  const [, , issuerNode, validityNode, subjectNode, spkiNode] = fields;
  const issuer = readName(expectTag(issuerNode, TAG.sequence, "issuer"));
  const subject = readName(expectTag(subjectNode, TAG.sequence, "subject"));
  const [notBeforeNode, notAfterNode] = readChildren(expectTag(validityNode, TAG.sequence, "validity"));
  const notBefore = readTime(notBeforeNode, "notBefore");
  const notAfter = readTime(notAfterNode, "notAfter");
  const spki = expectTag(spkiNode, TAG.sequence, "subjectPublicKeyInfo");
  const publicKey = readPublicKeyKind(spki);
  const info: CertificateInfo = {
    subject,
    issuer,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    sha256Fingerprint: fingerprint(der),
    publicKeyAlgorithm: publicKey.kind,
  };
  return { der, info, notBefore, notAfter, spki: spki.encoded, publicKey };
}

function readPublicKeyKind(spki: DerNode): PublicKeyKind {
  const [algorithmNode] = readChildren(spki);
  const [oidNode, parameters] = readChildren(expectTag(algorithmNode, TAG.sequence, "public key algorithm"));
  const algorithm = readOid(expectTag(oidNode, TAG.oid, "public key algorithm OID"));
  if (algorithm === OID_RSA) return { kind: "RSA" };
  if (algorithm === OID_EC && parameters?.tag === TAG.oid) {
    const curve = CURVES[readOid(parameters)];
    if (curve !== undefined) return { kind: "EC", curve };
  }
  return { kind: "unknown", algorithm };
}

/** RFC 4514 order: most specific RDN first, as `CN=keycloak, O=Example`. */
function readName(name: DerNode): string {
  const rdns = readChildren(name).map((rdn) =>
    readChildren(expectTag(rdn, TAG.set, "RDN"))
      .map((pair) => {
        const [typeNode, valueNode] = readChildren(expectTag(pair, TAG.sequence, "attribute"));
        const type = readOid(expectTag(typeNode, TAG.oid, "attribute type"));
        if (valueNode === undefined) throw new DerError("attribute value is missing");
        return `${NAME_TYPES[type] ?? type}=${escapeNameValue(readString(valueNode))}`;
      })
      .join("+"),
  );
  return rdns.reverse().join(", ");
}

function readString(node: DerNode): string {
  switch (node.tag) {
    case TAG.utf8String:
    case TAG.printableString:
    case TAG.ia5String:
      return new TextDecoder("utf-8").decode(node.content);
    case TAG.t61String:
      return new TextDecoder("latin1").decode(node.content);
    case TAG.bmpString:
      return new TextDecoder("utf-16be").decode(node.content);
    case TAG.universalString: {
      let out = "";
      for (let i = 0; i + 3 < node.content.length; i += 4) {
        const view = new DataView(node.content.buffer, node.content.byteOffset + i, 4);
        out += String.fromCodePoint(Math.min(view.getUint32(0), 0x10ffff));
      }
      return out;
    }
    default:
      return `#${hex(node.encoded, "")}`;
  }
}

function escapeNameValue(value: string): string {
  return value.replace(/[,+"\\<>;]/g, (c) => `\\${c}`).replace(/^[ #]|[ ]$/g, (c) => `\\${c}`);
}

function readTime(node: DerNode | undefined, what: string): Date {
  if (node === undefined) throw new DerError(`${what} is missing`);
  const text = new TextDecoder("latin1").decode(node.content);
  const match =
    node.tag === TAG.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : node.tag === TAG.generalizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text)
        : null;
  if (match === null) throw new DerError(`${what} is not a UTC time ("${text}")`);
  const [, y, mo, d, h, mi, s] = match;
  let year = Number(y);
  // RFC 5280: two-digit years 50–99 are 19xx, 00–49 are 20xx.
  if (node.tag === TAG.utcTime) year += year >= 50 ? 1900 : 2000;
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? "0")));
  if (Number.isNaN(date.getTime())) throw new DerError(`${what} is not a valid date ("${text}")`);
  return date;
}

function fingerprint(der: Uint8Array): string {
  return hex(sha256(der), ":").toUpperCase();
}

function hex(bytes: Uint8Array, separator: string): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(separator);
}
