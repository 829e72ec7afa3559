/**
 * Every rule, in the order the receiver checks: transport and parsing first, then python3-saml's `is_valid` order
 * (status, assertion count, signed elements, Conditions, timestamps, AuthnStatement, AttributeStatement, Destination,
 * Audience, Issuers, session, SubjectConfirmation, signatures), then what Sentry does with the attributes afterwards.
 * The first error in this order is the message the user sees. A meta-test checks that every rule file is listed here.
 * The security rules (security.*) come last: they are never errors and never change the verdict.
 */
import type { Rule } from "./rule.js";
import { rule as decodeInvalidBase64 } from "./decode.invalid-base64.js";
import { rule as decodeNonstandardBase64 } from "./decode.nonstandard-base64.js";
import { rule as decodeTooLarge } from "./decode.too-large.js";
import { rule as decodeInvalidDeflate } from "./decode.invalid-deflate.js";
import { rule as decodeDeflatedPost } from "./decode.deflated-post.js";
import { rule as xmlDoctype } from "./xml.doctype.js";
import { rule as xmlMalformed } from "./xml.malformed.js";
import { rule as responseBinding } from "./response.binding.js";
import { rule as logoutBinding } from "./logout.binding.js";
import { rule as assertionEncrypted } from "./assertion.encrypted.js";
import { rule as responseStatus } from "./response.status.js";
import { rule as responseNoAssertion } from "./response.no-assertion.js";
import { rule as responseMultipleAssertions } from "./response.multiple-assertions.js";
import { rule as signatureWrapping } from "./signature.wrapping.js";
import { rule as assertionNoConditions } from "./assertion.no-conditions.js";
import { rule as conditionsNotYetValid } from "./conditions.not-yet-valid.js";
import { rule as conditionsExpired } from "./conditions.expired.js";
import { rule as assertionNoAuthnStatement } from "./assertion.no-authn-statement.js";
import { rule as assertionNoAttributeStatement } from "./assertion.no-attribute-statement.js";
import { rule as responseDestinationMismatch } from "./response.destination-mismatch.js";
import { rule as assertionAudienceMismatch } from "./assertion.audience-mismatch.js";
import { rule as responseIssuerMismatch } from "./response.issuer-mismatch.js";
import { rule as assertionIssuerMismatch } from "./assertion.issuer-mismatch.js";
import { rule as sessionExpired } from "./session.expired.js";
import { rule as subjectNoBearerConfirmation } from "./subject.no-bearer-confirmation.js";
import { rule as requestInResponseToMismatch } from "./request.in-response-to-mismatch.js";
import { rule as subjectRecipientMismatch } from "./subject.recipient-mismatch.js";
import { rule as subjectExpired } from "./subject.expired.js";
import { rule as signatureMissing } from "./signature.missing.js";
import { rule as signatureInvalid } from "./signature.invalid.js";
import { rule as signatureCertMismatch } from "./signature.cert-mismatch.js";
import { rule as signatureNotChecked } from "./signature.not-checked.js";
import { rule as signatureCertificateExpired } from "./signature.certificate-expired.js";
import { rule as signatureQueryInvalid } from "./signature.query-invalid.js";
import { rule as logoutExpired } from "./logout.expired.js";
import { rule as logoutDestinationMismatch } from "./logout.destination-mismatch.js";
import { rule as logoutIssuerMismatch } from "./logout.issuer-mismatch.js";
import { rule as logoutStatus } from "./logout.status.js";
import { rule as attributeDuplicateName } from "./attribute.duplicate-name.js";
import { rule as attributeMissingIdentifier } from "./attribute.missing-identifier.js";
import { rule as attributeMissingEmail } from "./attribute.missing-email.js";
import { rule as attributeIdentifierIsEmail } from "./attribute.identifier-is-email.js";
import { rule as nameidMissing } from "./nameid.missing.js";
import { rule as requestIssuerMismatch } from "./request.issuer-mismatch.js";
import { rule as requestAcsMismatch } from "./request.acs-mismatch.js";
import { rule as requestBinding } from "./request.binding.js";
import { rule as idpErrorPage } from "./idp.error-page.js";
import { rule as securitySha1 } from "./security.sha1.js";
import { rule as securityCertificateExpiring } from "./security.certificate-expiring.js";
import { rule as securityUnsignedAssertion } from "./security.unsigned-assertion.js";
import { rule as securityNoAudience } from "./security.no-audience.js";
import { rule as securityLongLifetime } from "./security.long-lifetime.js";

export const rules: readonly Rule[] = [
  responseBinding,
  logoutBinding,
  decodeInvalidBase64,
  decodeNonstandardBase64,
  decodeTooLarge,
  decodeInvalidDeflate,
  decodeDeflatedPost,
  xmlDoctype,
  xmlMalformed,
  signatureQueryInvalid,
  logoutExpired,
  logoutDestinationMismatch,
  logoutIssuerMismatch,
  logoutStatus,
  assertionEncrypted,
  responseStatus,
  responseNoAssertion,
  responseMultipleAssertions,
  signatureWrapping,
  assertionNoConditions,
  conditionsNotYetValid,
  conditionsExpired,
  assertionNoAuthnStatement,
  assertionNoAttributeStatement,
  responseDestinationMismatch,
  assertionAudienceMismatch,
  responseIssuerMismatch,
  assertionIssuerMismatch,
  sessionExpired,
  subjectNoBearerConfirmation,
  requestInResponseToMismatch,
  subjectRecipientMismatch,
  subjectExpired,
  signatureMissing,
  signatureInvalid,
  signatureCertMismatch,
  signatureNotChecked,
  signatureCertificateExpired,
  attributeDuplicateName,
  attributeMissingIdentifier,
  attributeMissingEmail,
  attributeIdentifierIsEmail,
  nameidMissing,
  requestIssuerMismatch,
  requestAcsMismatch,
  requestBinding,
  idpErrorPage,
  // Security last: they never change the verdict, so their place in the receiver's order does not matter.
  securitySha1,
  securityCertificateExpiring,
  securityUnsignedAssertion,
  securityNoAudience,
  securityLongLifetime,
];
