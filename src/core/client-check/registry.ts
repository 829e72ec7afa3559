/** Every client check, one module each, in the order findings are listed within a severity. */
import type { ClientCheck } from "./check-context.js";
import { acsUrlCheck } from "./checks/acs-url.js";
import { authnStatementCheck } from "./checks/authn-statement.js";
import { clientIdCheck } from "./checks/client-id.js";
import { clientSignatureRequiredCheck } from "./checks/client-signature-required.js";
import { encryptAssertionsCheck } from "./checks/encrypt-assertions.js";
import { forcePostBindingCheck } from "./checks/force-post-binding.js";
import { frontChannelLogoutCheck } from "./checks/front-channel-logout.js";
import { logoutRedirectUrlCheck } from "./checks/logout-redirect-url.js";
import { mapperDuplicateAttributeNameCheck } from "./checks/mapper-duplicate-attribute-name.js";
import { mapperEmailAsIdentifierCheck } from "./checks/mapper-email-as-identifier.js";
import { mapperEmailCheck } from "./checks/mapper-email.js";
import { mapperIdentifierCheck } from "./checks/mapper-identifier.js";
import { nameIdFormatCheck } from "./checks/name-id-format.js";
import { protocolCheck } from "./checks/protocol.js";
import { redirectUrisCheck } from "./checks/redirect-uris.js";
import { signatureAlgorithmCheck } from "./checks/signature-algorithm.js";
import { signingCheck } from "./checks/signing.js";

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
];
