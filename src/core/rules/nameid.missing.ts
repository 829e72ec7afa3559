import { spAssertion } from "./context-helpers.js";
import { PYTHON3_SAML } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "nameid.missing",
  source: `https://github.com/getsentry/sentry/blob/master/src/sentry/auth/providers/saml2/provider.py build_saml_config (wantNameId: False) + ${PYTHON3_SAML}response.py get_nameid_data`,
  fix: "Settings → SAML capabilities → Name ID format (email or persistent) with Force name ID format: On.",
  check: (context) => {
    const assertion = spAssertion(context)?.assertion;
    if (assertion === undefined || assertion.encryptedNameId) return [];
    if (assertion.nameId !== undefined && assertion.nameId.value.trim() !== "") return [];
    return [
      {
        severity: "info",
        message: `The Subject has ${assertion.nameId === undefined ? "no NameID" : "an empty NameID"}. Sentry does not need it (it maps users by attributes and sets wantNameId to false), but logout requests need a NameID.`,
        actual: assertion.nameId === undefined ? "(absent)" : '""',
      },
    ];
  },
});
