import { SECURITY_SOURCES } from "../presets/sources.js";
import type { SamlMessage } from "../saml/model.js";
import { defineRule } from "./rule.js";

/** Read with `has(uri)` for an absent algorithm too (`undefined` is never in it). */
const SHA1_URIS: ReadonlySet<string | undefined> = new Set([
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
  "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
  "http://www.w3.org/2000/09/xmldsig#sha1",
]);

function signaturesOf(message: SamlMessage): SamlMessage["signatures"] {
  return message.kind === "Response" ? [...message.signatures, ...message.assertions.flatMap((assertion) => assertion.signatures)] : message.signatures;
}

/** SHA-1 in a signature or digest: still verified by python3-saml, but collisions make it no proof of who wrote the XML. */
export const rule = defineRule({
  id: "security.sha1",
  kind: "security",
  source: SECURITY_SOURCES.nist,
  fix: "Keycloak: Settings › Signature and Encryption › Signature algorithm: RSA_SHA256 (Sentry verifies it as is).",
  check: (context) => {
    const message = context.message;
    if (message === undefined) return [];
    const uses: string[] = [];
    for (const signature of signaturesOf(message)) {
      for (const uri of [signature.signatureAlgorithm, signature.digestAlgorithm]) {
        if (SHA1_URIS.has(uri)) uses.push(`${signature.signedElement}: ${uri}`);
      }
    }
    const sigAlg = context.captured.sigAlg;
    if (SHA1_URIS.has(sigAlg)) uses.push(`query SigAlg: ${sigAlg}`);
    if (uses.length === 0) return [];
    return [
      {
        severity: "warning",
        message:
          "This message is signed with SHA-1. Sentry's python3-saml still accepts it, but SHA-1 collisions are practical, so the signature " +
          "no longer reliably proves that Keycloak wrote this XML.",
        expected: "RSA-SHA256 with a SHA-256 digest",
        actual: uses.join("; "),
      },
    ];
  },
});
