/**
 * EncryptedAssertion as Keycloak writes it when "Encrypt assertions" is on: AES-128-CBC content encryption, the key
 * transported with RSA-OAEP (MGF1/SHA-1) under the client's encryption certificate.
 */
import { constants, createCipheriv, publicEncrypt, randomBytes, X509Certificate } from "node:crypto";

export function encryptAssertion(assertionXml: string, certificatePem: string): string {
  const key = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-128-cbc", key, iv);
  const cipherText = Buffer.concat([iv, cipher.update(assertionXml, "utf8"), cipher.final()]).toString("base64");
  const publicKey = new X509Certificate(certificatePem).publicKey;
  const encryptedKey = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING }, key).toString("base64");
  return (
    `<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element">` +
    `<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>` +
    `<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey>` +
    `<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"/>` +
    `<xenc:CipherData><xenc:CipherValue>${encryptedKey}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${cipherText}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>`
  );
}
