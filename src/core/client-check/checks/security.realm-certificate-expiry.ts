import { defineCheck } from "../check-context.js";
import { signingKeys } from "../realm-keys.js";
import { SECURITY_SOURCES, securityFinding } from "../security-support.js";
import { REALM_KEYS_FIELD } from "./security.realm-key-size.js";

/** How far ahead an expiring certificate is reported: time to roll the key and update Sentry. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The realm's signing certificate expires within 30 days (or has). Sentry's python3-saml does not check expiry, so
 * logins keep working; but an expired certificate is what key rotation forgets, and a rushed rotation is when a wrong
 * certificate gets pasted into Sentry.
 */
export const check = defineCheck({
  id: "security.realm-certificate-expiry",
  run(context) {
    if (context.realmKeys === undefined) return [];
    const now = context.now.getTime();
    return signingKeys(context.realmKeys)
      .filter((key) => key.notAfter !== undefined && key.notAfter.getTime() - now <= EXPIRY_WARNING_DAYS * DAY_MS)
      .map((key) => {
        const notAfter = key.notAfter ?? new Date(now);
        const days = Math.floor((notAfter.getTime() - now) / DAY_MS);
        const when = days < 0 ? `expired on ${notAfter.toISOString().slice(0, 10)}` : `expires on ${notAfter.toISOString().slice(0, 10)} (in ${days} days)`;
        return {
          finding: securityFinding("security.realm-certificate-expiry", { field: REALM_KEYS_FIELD, attributeKey: null }, {
            severity: "warning",
            expected: `valid for more than ${EXPIRY_WARNING_DAYS} days`,
            actual: `${key.kid}: ${when}`,
            message:
              `The certificate of the realm's active signing key ${key.kid} ${when}. Sentry does not check expiry, so login keeps working, but ` +
              "other SPs and audits refuse it; plan the rotation now rather than pasting a new certificate into Sentry in a hurry.",
            fix: "Realm settings › Keys › Add provider: a new rsa-generated key with a higher priority; update Sentry's IdP certificate (or metadata), then disable the old key.",
            source: SECURITY_SOURCES.owasp,
          }),
          patch: [],
        };
      });
  },
});
