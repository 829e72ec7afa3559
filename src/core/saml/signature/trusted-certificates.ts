/**
 * Turns what the user supplies (pasted PEM, a certificate file, the IdP metadata XML such as Keycloak's realm
 * descriptor) into trusted certificates, with a clear error for anything else.
 */
import { decodeBase64 } from "../../crypto/base64";
import { readPemBlocks } from "../../crypto/pem";
import { readCertificate, type CertificateResult, type InputError } from "../../crypto/x509";
import { descriptorUrlOfRealm } from "../../keycloak/urls";
import { NS, attribute, child, children, parseXml, textContent, type XmlElement } from "../xml";
import type { TrustedCertificate } from "./types";

export type TrustedCertificatesResult =
  | { readonly ok: true; readonly certificates: readonly TrustedCertificate[] }
  | { readonly ok: false; readonly error: InputError };

export type MetadataCertificatesResult =
  | { readonly ok: true; readonly certificates: readonly TrustedCertificate[]; readonly entityId: string | undefined }
  | { readonly ok: false; readonly error: InputError };

/** Subject, issuer, validity, fingerprint of a DER certificate; an error result when it is not one. */
export function describeCertificate(der: Uint8Array): CertificateResult {
  return readCertificate(der);
}

/** One or more PEM certificates, or a bare base64 certificate (what Keycloak's Keys tab shows). */
export function certificatesFromPem(text: string, source = "supplied certificate"): TrustedCertificatesResult {
  const blocks = readPemBlocks(text);
  if (blocks.length === 0) {
    if (text.trim() === "") return failure("certificate.empty", "No certificate was given.");
    if (text.trimStart().startsWith("<")) {
      return failure("certificate.is-xml", "This is XML, not a certificate. If it is the IdP metadata, supply it as metadata instead.");
    }
    return fromBase64([text], source);
  }
  const certificates = blocks.filter((block) => block.label === "CERTIFICATE" || block.label === "X509 CERTIFICATE" || block.label === "TRUSTED CERTIFICATE");
  if (certificates.length === 0) {
    const labels = [...new Set(blocks.map((block) => block.label))].join(", ");
    const hint = labels.includes("PRIVATE KEY")
      ? " Never share the private key; supply the certificate (Keycloak: Realm settings → Keys → RS256 → Certificate)."
      : labels.includes("PUBLIC KEY")
        ? " A bare public key is not enough here; supply the certificate (Keycloak: Realm settings → Keys → RS256 → Certificate)."
        : "";
    return failure("certificate.not-a-certificate", `The PEM text holds ${labels}, not a CERTIFICATE.${hint}`);
  }
  return fromBase64(
    certificates.map((block) => block.body),
    source,
  );
}

/**
 * The signing certificates of an IdP's SAML metadata: every KeyDescriptor of the IDPSSODescriptor whose `use` is
 * "signing" or absent (absent means both uses, as python3-saml's metadata parser reads it).
 */
export function certificatesFromMetadata(xml: string, source = "IdP metadata"): MetadataCertificatesResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return failure("metadata.unreadable", `The IdP metadata could not be read: ${parsed.error.message}`);
  const entities = entityDescriptors(parsed.root);
  if (entities.length === 0) {
    return failure("metadata.not-metadata", `This is not SAML metadata: the root element is <${parsed.root.name}>, expected <md:EntityDescriptor>.`);
  }
  const idps = entities.flatMap((entity) => children(entity, NS.md, "IDPSSODescriptor").map((idp) => ({ entity, idp })));
  if (idps.length === 0) {
    const isSp = entities.some((entity) => child(entity, NS.md, "SPSSODescriptor") !== undefined);
    return failure(
      "metadata.no-idp",
      isSp
        ? `This is a service provider's metadata (it has an SPSSODescriptor), not the IdP's. Use Keycloak's realm descriptor: ${descriptorUrlOfRealm("<keycloak>/realms/<realm>")}.`
        : "The metadata has no IDPSSODescriptor, so it describes no identity provider.",
    );
  }
  const entityIds = [...new Set(idps.map(({ entity }) => attribute(entity, "entityID")))];
  if (entityIds.length > 1) {
    return failure("metadata.several-idps", `The metadata describes ${entityIds.length} identity providers (${entityIds.join(", ")}); supply the one for this realm.`);
  }
  const bodies: string[] = [];
  for (const { idp } of idps) {
    for (const descriptor of children(idp, NS.md, "KeyDescriptor")) {
      const use = attribute(descriptor, "use");
      if (use !== undefined && use !== "signing") continue;
      const keyInfo = child(descriptor, NS.ds, "KeyInfo");
      for (const data of keyInfo ? children(keyInfo, NS.ds, "X509Data") : []) {
        for (const certificate of children(data, NS.ds, "X509Certificate")) bodies.push(textContent(certificate));
      }
    }
  }
  if (bodies.length === 0) {
    return failure("metadata.no-signing-certificate", "The IdP metadata has no signing certificate (no KeyDescriptor with an X509Certificate).");
  }
  const entityId = entityIds[0];
  const result = fromBase64(bodies, entityId ? `${source} of ${entityId}` : source);
  return result.ok ? { ok: true, certificates: result.certificates, entityId } : result;
}

function entityDescriptors(root: XmlElement): XmlElement[] {
  if (root.ns !== NS.md) return [];
  if (root.local === "EntityDescriptor") return [root];
  if (root.local === "EntitiesDescriptor") {
    // Older Keycloak releases wrap the realm descriptor in <EntitiesDescriptor Name="urn:keycloak">.
    return [...children(root, NS.md, "EntityDescriptor"), ...children(root, NS.md, "EntitiesDescriptor").flatMap(entityDescriptors)];
  }
  return [];
}

function fromBase64(bodies: readonly string[], source: string): TrustedCertificatesResult {
  const certificates: TrustedCertificate[] = [];
  for (const [index, body] of bodies.entries()) {
    const which = bodies.length > 1 ? `Certificate ${index + 1} of ${bodies.length}` : "The certificate";
    const der = decodeBase64(body);
    if (der === undefined || der.length === 0) return failure("certificate.invalid-base64", `${which} is not valid base64.`);
    const read = readCertificate(der);
    if (!read.ok) return failure(read.error.code, `${which}: ${read.error.message}`);
    certificates.push({ der, source: bodies.length > 1 ? `${source} (certificate ${index + 1})` : source });
  }
  return { ok: true, certificates };
}

function failure(code: string, message: string): { readonly ok: false; readonly error: InputError } {
  return { ok: false, error: { code, message } };
}
