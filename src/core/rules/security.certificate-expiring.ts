import { decodeBase64 } from "../crypto/base64.js";
import { readCertificate } from "../crypto/x509.js";
import { SECURITY_SOURCES } from "../presets/sources.js";
import { defineRule } from "./rule.js";

/** How far ahead an expiring signing certificate is reported (as the client check security.realm-certificate-expiry). */
const WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The certificate in the signature's KeyInfo expires within 30 days of the analysis clock: the capture time for captured
 * traffic (as every other time rule), `--now`, or the current time. An expired one is signature.certificate-expired.
 */
export const rule = defineRule({
  id: "security.certificate-expiring",
  kind: "security",
  source: SECURITY_SOURCES.owasp,
  fix: "Keycloak: Realm settings › Keys › Add provider (a new rsa-generated key with a higher priority); give its certificate to Sentry (Settings › Auth › SAML2), then disable the old key.",
  check: (context) => {
    const message = context.message;
    if (message === undefined) return [];
    const signatures = message.kind === "Response" ? [...message.signatures, ...message.assertions.flatMap((assertion) => assertion.signatures)] : message.signatures;
    const now = context.now.getTime();
    const seen = new Set<string>();
    const out = [];
    for (const signature of signatures) {
      const text = signature.certificate;
      if (text === undefined || seen.has(text)) continue;
      seen.add(text);
      const der = decodeBase64(text);
      const read = der === undefined ? undefined : readCertificate(der);
      if (read === undefined || !read.ok) continue;
      const notAfter = read.certificate.notAfter.getTime();
      if (notAfter <= now || notAfter - now > WARNING_DAYS * DAY_MS) continue;
      const days = Math.floor((notAfter - now) / DAY_MS);
      out.push({
        severity: "warning" as const,
        message:
          `The certificate that signs the ${signature.signedElement} (${read.certificate.info.subject}) expires in ${days} days. Sentry does not check ` +
          "expiry, so logins keep working, but the rotation is due: plan it before pasting a new certificate into Sentry in a hurry.",
        expected: `valid for more than ${WARNING_DAYS} days`,
        actual: `valid until ${read.certificate.info.notAfter}`,
      });
    }
    return out;
  },
});
