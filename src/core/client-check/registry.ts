/** Every client check, one module each, in the order findings are listed within a severity. */
import type { ClientCheck } from "./check-context.js";
import { check as acsUrlCheck } from "./checks/client.acs-url.js";
import { check as authnStatementCheck } from "./checks/client.authn-statement.js";
import { check as clientIdCheck } from "./checks/client.client-id.js";
import { check as clientSignatureRequiredCheck } from "./checks/client.client-signature-required.js";
import { check as encryptAssertionsCheck } from "./checks/client.encrypt-assertions.js";
import { check as forcePostBindingCheck } from "./checks/client.force-post-binding.js";
import { check as frontChannelLogoutCheck } from "./checks/client.front-channel-logout.js";
import { check as logoutRedirectUrlCheck } from "./checks/client.logout-redirect-url.js";
import { check as mapperDuplicateAttributeNameCheck } from "./checks/mapper.duplicate-attribute-name.js";
import { check as mapperEmailAsIdentifierCheck } from "./checks/mapper.email-as-identifier.js";
import { check as mapperEmailCheck } from "./checks/mapper.email.js";
import { check as mapperIdentifierCheck } from "./checks/mapper.identifier.js";
import { check as nameIdFormatCheck } from "./checks/client.name-id-format.js";
import { check as protocolCheck } from "./checks/client.protocol.js";
import { check as redirectUrisCheck } from "./checks/client.redirect-uris.js";
import { check as signatureAlgorithmCheck } from "./checks/client.signature-algorithm.js";
import { check as signingCheck } from "./checks/client.signing.js";
import { check as securityRedirectWildcardCheck } from "./checks/security.redirect-wildcard.js";
import { check as securityRedirectWildcardHostCheck } from "./checks/security.redirect-wildcard-host.js";
import { check as securityEndpointWildcardCheck } from "./checks/security.endpoint-wildcard.js";
import { check as securityHttpUrlCheck } from "./checks/security.http-url.js";
import { check as securityWeakSignatureAlgorithmCheck } from "./checks/security.weak-signature-algorithm.js";
import { check as securityUnsignedCheck } from "./checks/security.unsigned.js";
import { check as securityAssertionNotSignedCheck } from "./checks/security.assertion-not-signed.js";
import { check as securityClientSignatureCheck } from "./checks/security.client-signature.js";
import { check as securityEncryptionCheck } from "./checks/security.encryption.js";
import { check as securityOneTimeUseCheck } from "./checks/security.one-time-use.js";
import { check as securityFullScopeRolesCheck } from "./checks/security.full-scope-roles.js";
import { check as securityIdpInitiatedCheck } from "./checks/security.idp-initiated.js";
import { check as securityRealmKeySizeCheck } from "./checks/security.realm-key-size.js";
import { check as securityRealmCertificateExpiryCheck } from "./checks/security.realm-certificate-expiry.js";

export const CLIENT_CHECKS: readonly ClientCheck[] = [
  protocolCheck,
  clientIdCheck,
  clientSignatureRequiredCheck,
  redirectUrisCheck,
  signingCheck,
  authnStatementCheck,
  encryptAssertionsCheck,
  mapperEmailCheck,
  mapperIdentifierCheck,
  mapperDuplicateAttributeNameCheck,
  signatureAlgorithmCheck,
  forcePostBindingCheck,
  acsUrlCheck,
  logoutRedirectUrlCheck,
  frontChannelLogoutCheck,
  nameIdFormatCheck,
  mapperEmailAsIdentifierCheck,
  securityRedirectWildcardCheck,
  securityRedirectWildcardHostCheck,
  securityEndpointWildcardCheck,
  securityHttpUrlCheck,
  securityWeakSignatureAlgorithmCheck,
  securityUnsignedCheck,
  securityAssertionNotSignedCheck,
  securityClientSignatureCheck,
  securityEncryptionCheck,
  securityOneTimeUseCheck,
  securityFullScopeRolesCheck,
  securityIdpInitiatedCheck,
  securityRealmKeySizeCheck,
  securityRealmCertificateExpiryCheck,
];
