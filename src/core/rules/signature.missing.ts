import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "signature.missing",
  source: `${SOURCES.isValid} → signed elements (wantAssertionsSigned and wantMessagesSigned are off in Sentry, but one signature is still required)`,
  fix: "Settings → Signature and Encryption → Sign documents: On (or Sign assertions: On).",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined) return [];
    const signed = response.signatures.length > 0 || response.assertions.some((assertion) => assertion.signatures.length > 0);
    if (signed) return [];
    return [
      {
        severity: "error",
        message: `Neither the Response nor its Assertion is signed. python3-saml: "${PY.noSignature}" (Sentry shows "${SENTRY.failed(PY.noSignature)}").`,
        expected: "a ds:Signature in the Response or in the Assertion",
        actual: "no signature",
        receiverMessage: PY.noSignature,
      },
    ];
  },
});
