/**
 * Client key pairs for the Keys tab. Keycloak keeps them in client attributes `<prefix>.certificate` and
 * `<prefix>.private.key` (prefix `saml.signing` or `saml.encryption`), and "Generate" makes a self-signed RSA 2048
 * certificate whose CN is the client ID (KeycloakModelUtils.generateKeyPairCertificate). Here openssl makes it.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface GeneratedKeyPair {
  certificate: string;
  privateKey: string;
}

/** The base64 body of a PEM block, the form Keycloak stores and returns. */
function pemBody(pem: string, label: string): string {
  const start = pem.indexOf(`-----BEGIN ${label}-----`);
  const end = pem.indexOf(`-----END ${label}-----`);
  if (start < 0 || end < 0) throw new Error(`openssl printed no ${label}`);
  return pem.slice(start + label.length + 16, end).replace(/\s+/g, "");
}

export async function generateKeyPair(commonName: string): Promise<GeneratedKeyPair> {
  const subject = `/CN=${commonName.replaceAll("\\", "\\\\").replaceAll("/", "\\/")}`;
  const { stdout } = await run("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
    "-subj", subject, "-keyout", "-", "-out", "-",
  ]);
  return { certificate: pemBody(stdout, "CERTIFICATE"), privateKey: pemBody(stdout, "PRIVATE KEY") };
}
