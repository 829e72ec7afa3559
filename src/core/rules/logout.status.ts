import { spLogout } from "./context-helpers.js";
import { PY, PYTHON3_SAML } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

export const rule = defineRule({
  id: "logout.status",
  source: `${PYTHON3_SAML}auth.py process_slo (get_status() != STATUS_SUCCESS)`,
  fix: "Keycloak answered the logout with an error status: its server log names the cause (often a session that had already ended, or a client without a logout URL).",
  check: (context) => {
    const logout = spLogout(context);
    if (logout?.kind !== "LogoutResponse") return [];
    const code = logout.status?.code;
    if (code === SUCCESS) return [];
    return [
      {
        severity: "error",
        message: `The LogoutResponse's status is ${code === undefined ? "missing" : code.split(":").pop() ?? code}${logout.status?.message ? ` ("${logout.status.message}")` : ""}, not Success, so Sentry does not finish the logout. python3-saml reports "${PY.logoutNotSuccess}" (no message text).`,
        expected: SUCCESS,
        actual: code ?? "(no StatusCode)",
        receiverMessage: PY.logoutNotSuccess,
      },
    ];
  },
});
