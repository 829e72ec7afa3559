/**
 * Stand-ins for the personal values redaction removes. The same value always gets the same stand-in within one
 * export, so a reader of the redacted capture still sees that the NameID equals the e-mail attribute, or that two
 * logins were the same user; and an e-mail stays shaped like an e-mail, so checks on its form give the same answer.
 */

export type SecretKind = "email" | "nameid" | "value" | "session" | "address";

/** Internationalised addresses too: "jöran.müller@example.com" is as personal as any. */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const WHOLE_EMAIL = new RegExp(`^${EMAIL.source}$`, "u");

/** Secrets shorter than this are not searched for in free text: masking every "en" or "1" would mangle the page. */
const MIN_SCRUB_LENGTH = 3;

export const REDACTED = "REDACTED";

export class Pseudonyms {
  private readonly byValue = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  private scrubList: [string, string][] | undefined;

  /** The stand-in for a secret value, registering it so it is also masked wherever it appears in free text. */
  mask(kind: SecretKind, value: string): string {
    const trimmed = value.trim();
    if (trimmed === "") return value;
    const known = this.byValue.get(trimmed);
    if (known !== undefined) return known;
    const isEmail = WHOLE_EMAIL.test(trimmed);
    const stand = isEmail ? `user${this.next("email")}@redacted.invalid` : `redacted-${kind}-${this.next(kind)}`;
    this.byValue.set(trimmed, stand);
    this.scrubList = undefined;
    return stand;
  }

  /** Masks the e-mail addresses in a text. */
  maskEmails(text: string): string {
    return text.includes("@") ? text.replace(EMAIL, (email) => this.mask("email", email)) : text;
  }

  /**
   * Masks e-mail addresses and every registered secret in free text (page bodies, header values, RelayState). Not
   * for SAML XML, where a short NameID such as "demo" would also hit the realm name in the Issuer.
   */
  scrub(text: string): string {
    let out = this.maskEmails(text);
    for (const [secret, stand] of this.list()) {
      if (out.includes(secret)) out = out.split(secret).join(stand);
    }
    return out;
  }

  /** Longest first, so a secret that contains another is replaced whole; with the forms a secret takes in URLs and HTML. */
  private list(): [string, string][] {
    if (this.scrubList !== undefined) return this.scrubList;
    const pairs: [string, string][] = [];
    for (const [secret, stand] of this.byValue) {
      if (secret.length < MIN_SCRUB_LENGTH) continue;
      const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), escapeHtml(secret), JSON.stringify(secret).slice(1, -1)]);
      for (const form of forms) pairs.push([form, stand]);
    }
    this.scrubList = pairs.sort((a, b) => b[0].length - a[0].length);
    return this.scrubList;
  }

  private next(kind: string): number {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    return count;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Base64 of as many zero bytes as `value` decodes to: the shape of a digest or signature, with nothing in it. */
export function zeroedBase64(value: string): string {
  const body = value.replace(/[^A-Za-z0-9+/_-]/g, "");
  const bytes = Math.floor((body.length * 3) / 4);
  if (bytes === 0) return value;
  const groups = Math.ceil(bytes / 3);
  const padding = groups * 3 - bytes;
  return "A".repeat(groups * 4 - padding) + "=".repeat(padding);
}
