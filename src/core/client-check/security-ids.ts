/** The security findings' ids, apart from finding.ts so that content.js (which bundles finding.ts) does not carry them. */
/** Security findings (src/core/client-check/checks/security.*.ts): what an auditor would flag, reconciled with Sentry. */
export const SECURITY_FINDING_IDS = [
  "security.redirect-wildcard",
  "security.redirect-wildcard-host",
  "security.endpoint-wildcard",
  "security.http-url",
  "security.weak-signature-algorithm",
  "security.unsigned",
  "security.assertion-not-signed",
  "security.client-signature",
  "security.encryption",
  "security.one-time-use",
  "security.full-scope-roles",
  "security.idp-initiated",
  "security.realm-key-size",
  "security.realm-certificate-expiry",
] as const;
export type SecurityFindingId = (typeof SECURITY_FINDING_IDS)[number];
