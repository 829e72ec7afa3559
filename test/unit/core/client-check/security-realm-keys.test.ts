/**
 * What the user reads in the realm-key findings (`--realm-keys`, the overlay on Realm settings › Keys): the key named
 * with its size or expiry, the threshold, what a weak or expiring key means for Sentry, and how to rotate it. At the
 * boundaries: a real 2047-bit RSA key is flagged and a 2048-bit one is not; a certificate is reported once it has 30
 * days or less left (exactly 30 days is, 30 days and a millisecond is not: "valid for more than 30 days") and as
 * expired once its notAfter has passed.
 */
import { describe, expect, it } from "vitest";
import type { ClientCheckResult } from "../../../../src/core/client-check/check-client.js";
import { checkClientExport } from "../../../../src/core/client-check/check-client.js";
import { readRealmKeys } from "../../../../src/core/client-check/realm-keys.js";
import { secureRealm, securityOutcome, sentryPreset, type Json } from "./support.js";

/** SubjectPublicKeyInfo of RSA keys made with Node's generateKeyPairSync("rsa", { modulusLength: 2047 / 2048 }). */
const RSA_2047 =
  "MIIBITANBgkqhkiG9w0BAQEFAAOCAQ4AMIIBCQKCAQBTHRz0ICbwm2i4yvOJSgCvCBQkWU0A5FnHJbt6cAILAwBYDubVtdrCP1nvfyz9uf+THiyYs1RnuNiv0z4UPVwwiLjNf5ExyLO/nHX3zcVJ+aphrSYhsSM5Wjts/w7xLVeqTM07xZOHkjt+uowH/wI2EhyeFchkc+/+5mzwF28SxNy++F5E5Y6T0VdAmmuJViypd4C3EnXJ2GCoT8D4lgqhBKPajFC6EWYkPeaC3eWV6xQKNgonfcQ1CueNW6eXt1A90vH35VMbGDK7Szcxq0niuCJSoCCOcmQ+DmD8Psh8e8AtVaWvKRLmOZL4VOzhqcpA62As+uPYXEkS9Zo4V5sVAgMBAAE=";
const RSA_2048 =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA4gU4w8KEkv5aClfZNUa/AREc6NDWs0Fiml1sI8/eolICy9bqnwAedCcMw4G5ZoyzyWsFx/vNQxuuuw9dAow08r6/bigmtxuJ8nf8GYuBkJW+iCTozaq8DJrGjMoV28YtWq6iMLuH0bUxj0099kpwg0UH7H0RzcTnSiecnVuuxJmgDAzwqvIfUBPGWkb1q/wJ2ZnTKlodF/R0q/jzP7PIc1v0RksFQ1y4O5FHj5ErlpP9BRUsRhNcSIHaK0SgBlSqPKQkAp1kjMiE2yuBTdK1e7UB8nCzLfahGlHNeEGP0KLeZIjIAe0w+8/I72w0BqX8a8hJ/1vscSHRjZoWCvV4WwIDAQAB";

const NOW = new Date("2026-12-07T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const REALM_KEYS_FIELD = { label: "Keys list", tab: "Realm settings", section: "Keys" };

/** An active RSA signing key as GET /admin/realms/{realm}/keys lists it (no certificate: expiry from validTo). */
function key(kid: string, fields: Json): Json {
  return { kid, type: "RSA", use: "SIG", status: "ACTIVE", algorithm: "RS256", providerId: "rsa-generated", ...fields };
}

function checkWithKeys(...keys: Json[]): ClientCheckResult {
  const read = readRealmKeys(JSON.stringify({ keys }));
  if (!read.ok) throw new Error(read.message);
  const response = checkClientExport(JSON.stringify(secureRealm()), sentryPreset(), { realmKeys: read.keys, now: NOW });
  if (!response.ok) throw new Error(response.error.message);
  return response.result;
}

function outcomes(result: ClientCheckResult, id: "security.realm-key-size" | "security.realm-certificate-expiry") {
  return result.securityOutcomes.filter((outcome) => outcome.finding.id === id);
}

describe("security.realm-key-size: what the user reads", () => {
  it("flags a 2047-bit key, names it with its size, says what a short key lets anyone do, and how to replace it", () => {
    const result = checkWithKeys(key("short", { publicKey: RSA_2047 }), key("enough", { publicKey: RSA_2048 }));
    const { finding, patch } = securityOutcome(result, "security.realm-key-size");
    expect(finding).toMatchObject({
      actual: "short: 2047 bits",
      severity: "warning",
      field: REALM_KEYS_FIELD,
      attributeKey: null,
      expected: "RSA ≥ 2048 bits",
      source: "NIST SP 800-131A Rev. 2 (SHA-1 signatures and RSA keys under 2048 bits disallowed), https://csrc.nist.gov/pubs/sp/800/131/a/r2/final",
    });
    expect(finding.message).toContain("The realm's active signing key short (RS256) is RSA 2047 bits, below 2048: it signs every");
    expect(finding.message).toContain("response Sentry trusts, and a key this short can be factored, after which anyone can sign a response as any user.");
    expect(finding.fix).toBe(
      "Realm settings › Keys › Add provider: rsa-generated with Key size 2048 or more and a higher priority; give its certificate to Sentry (or let Sentry re-read the metadata URL), then disable the old key.",
    );
    expect(patch).toEqual([]);
  });

  it("says nothing about a key whose size cannot be read", () => {
    expect(outcomes(checkWithKeys(key("unreadable", { publicKey: "bm90IGEga2V5" })), "security.realm-key-size")).toEqual([]);
  });
});

describe("security.realm-certificate-expiry: what the user reads", () => {
  const expiringIn = (ms: number) => key("signing", { publicKey: RSA_2048, validTo: NOW.getTime() + ms });
  const actuals = (...keys: Json[]) => outcomes(checkWithKeys(...keys), "security.realm-certificate-expiry").map((outcome) => outcome.finding.actual);

  it("under 30 days left: the key, the date, the days left, why to rotate now and how", () => {
    const { finding, patch } = securityOutcome(checkWithKeys(expiringIn(30 * DAY - 1)), "security.realm-certificate-expiry");
    expect(finding).toMatchObject({
      severity: "warning",
      field: REALM_KEYS_FIELD,
      attributeKey: null,
      expected: "valid for more than 30 days",
      actual: "signing: expires on 2027-01-06 (in 29 days)",
      source: "OWASP SAML Security Cheat Sheet, https://cheatsheetseries.owasp.org/cheatsheets/SAML_Security_Cheat_Sheet.html",
    });
    expect(finding.message).toContain("The certificate of the realm's active signing key signing expires on 2027-01-06 (in 29 days). Sentry does not check expiry, so login keeps working, but");
    expect(finding.message).toContain("other SPs and audits refuse it; plan the rotation now rather than pasting a new certificate into Sentry in a hurry.");
    expect(finding.fix).toBe(
      "Realm settings › Keys › Add provider: a new rsa-generated key with a higher priority; update Sentry's IdP certificate (or metadata), then disable the old key.",
    );
    expect(patch).toEqual([]);
  });

  it("exactly 30 days left is within the 30 days", () => {
    expect(actuals(expiringIn(30 * DAY))).toEqual(["signing: expires on 2027-01-06 (in 30 days)"]);
  });

  it("more than 30 days left, or no expiry known: nothing", () => {
    expect(actuals(expiringIn(30 * DAY + 1), expiringIn(31 * DAY), key("no-expiry", { publicKey: RSA_2048 }))).toEqual([]);
  });

  it("expiring within the day is 'in 0 days'; past its notAfter, 'expired on'", () => {
    expect(actuals(expiringIn(60 * 60 * 1000))).toEqual(["signing: expires on 2026-12-07 (in 0 days)"]);
    expect(actuals(expiringIn(-1))).toEqual(["signing: expired on 2026-12-07"]);
  });
});
