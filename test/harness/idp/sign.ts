/** Enveloped XML signatures placed right after the element's Issuer, as Keycloak places them (xml-crypto signs). */
import { X509Certificate } from "node:crypto";
import { SignedXml } from "xml-crypto";
import { SIGNATURE_ALGORITHMS, type SamlClientSettings } from "./keycloak-client.js";

export interface RealmKey {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  /** Keycloak's key id (kid), used as KeyName with the KEY_ID transformer. */
  readonly kid: string;
}

export function certificateBase64(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

/** Signs the element with this ID inside `xml`; the Signature goes after its Issuer child. */
export function signElement(xml: string, elementId: string, localName: "Response" | "Assertion", key: RealmKey, settings: SamlClientSettings): string {
  const algorithm = SIGNATURE_ALGORITHMS[settings.signatureAlgorithm];
  const keyName =
    settings.keyNameTransformer === "KEY_ID" ? key.kid : settings.keyNameTransformer === "CERT_SUBJECT" ? new X509Certificate(key.certificatePem).subject.replace(/\n/g, ",") : undefined;
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: algorithm.signature,
    canonicalizationAlgorithm: settings.canonicalization as "http://www.w3.org/2001/10/xml-exc-c14n#",
    getKeyInfoContent: ({ prefix } = {}) => {
      const p = prefix ? `${prefix}:` : "";
      const name = keyName === undefined ? "" : `<${p}KeyName>${keyName}</${p}KeyName>`;
      return `${name}<${p}X509Data><${p}X509Certificate>${certificateBase64(key.certificatePem)}</${p}X509Certificate></${p}X509Data>`;
    },
  });
  signer.addReference({
    xpath: `//*[local-name(.)='${localName}' and @ID='${elementId}']`,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", settings.canonicalization as "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: algorithm.digest,
  });
  signer.computeSignature(xml, {
    prefix: "dsig",
    location: { reference: `//*[local-name(.)='${localName}' and @ID='${elementId}']/*[local-name(.)='Issuer']`, action: "after" },
  });
  return signer.getSignedXml();
}
