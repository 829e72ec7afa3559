/**
 * The remembered IdP certificates and metadata as the options page lists them: one entry per IdP entity ID, with
 * what was remembered (metadata or a certificate, pasted or fetched from where) and each certificate's subject, expiry
 * and fingerprint, so the user can tell which to forget.
 */
import { readCertificate } from "../../../core/crypto/x509.js";
import { readTrust } from "./profile.js";
import type { StoredTrust } from "./trust-store.js";

export interface RememberedCertificate {
  readonly subject: string;
  readonly notAfter: string;
  readonly sha256Fingerprint: string;
}

export interface RememberedIdp {
  readonly entityId: string;
  /** "metadata" or "certificate"; "unreadable" for text that no longer reads (it is not used for checks). */
  readonly kind: "metadata" | "certificate" | "unreadable";
  /** Where the metadata was fetched from; absent when pasted. */
  readonly url: string | undefined;
  readonly savedAt: string;
  readonly certificates: readonly RememberedCertificate[];
}

export function rememberedIdps(stored: StoredTrust): RememberedIdp[] {
  return Object.entries(stored)
    .map(([entityId, entry]): RememberedIdp => {
      const read = readTrust(entry.text, entityId);
      const certificates = read.ok
        ? read.trust.certificates.flatMap((trusted) => {
            const certificate = readCertificate(trusted.der);
            return certificate.ok ? [{ subject: certificate.certificate.info.subject, notAfter: certificate.certificate.info.notAfter, sha256Fingerprint: certificate.certificate.info.sha256Fingerprint }] : [];
          })
        : [];
      return { entityId, kind: !read.ok ? "unreadable" : read.trust.fromMetadata ? "metadata" : "certificate", url: entry.url, savedAt: entry.savedAt, certificates };
    })
    .sort((a, b) => a.entityId.localeCompare(b.entityId));
}

/** A copy of `stored` without `entityId`. */
export function withoutIdp(stored: StoredTrust, entityId: string): StoredTrust {
  return Object.fromEntries(Object.entries(stored).filter(([key]) => key !== entityId));
}
