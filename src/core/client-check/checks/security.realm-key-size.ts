import { defineCheck } from "../check-context.js";
import { signingKeys } from "../realm-keys.js";
import { SECURITY_SOURCES, securityFinding } from "../security-support.js";

/** Below this, RSA signatures are disallowed (NIST SP 800-131A); Keycloak's generated keys default to 2048. */
export const MINIMUM_RSA_BITS = 2048;

export const REALM_KEYS_FIELD = { label: "Keys list", tab: "Realm settings", section: "Keys" } as const;

/** The realm's RSA signing key signs every response Sentry trusts: a short key lets someone else sign them. */
export const check = defineCheck({
  id: "security.realm-key-size",
  run(context) {
    if (context.realmKeys === undefined) return [];
    return signingKeys(context.realmKeys)
      .filter((key) => key.bits !== undefined && key.bits < MINIMUM_RSA_BITS)
      .map((key) => ({
        finding: securityFinding("security.realm-key-size", { field: REALM_KEYS_FIELD, attributeKey: null }, {
          severity: "warning",
          expected: `RSA ≥ ${MINIMUM_RSA_BITS} bits`,
          actual: `${key.kid}: ${key.bits ?? "?"} bits`,
          message:
            `The realm's active signing key ${key.kid} (${key.algorithm}) is RSA ${key.bits ?? "?"} bits, below ${MINIMUM_RSA_BITS}: it signs every ` +
            "response Sentry trusts, and a key this short can be factored, after which anyone can sign a response as any user.",
          fix: `Realm settings › Keys › Add provider: rsa-generated with Key size ${MINIMUM_RSA_BITS} or more and a higher priority; give its certificate to Sentry (or let Sentry re-read the metadata URL), then disable the old key.`,
          source: SECURITY_SOURCES.nist,
        }),
        patch: [],
      }));
  },
});
