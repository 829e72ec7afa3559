import { SENTRY, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "decode.deflated-post",
  source: SOURCES.constructor,
  fix: "Settings → SAML capabilities → Force POST binding (Keycloak then posts plain base64). If it is already on, something between Keycloak and the service provider compressed the message.",
  check: ({ quirks, receiver }) =>
    quirks.includes("deflated-post")
      ? [
          {
            severity: receiver === "sp" ? "error" : "warning",
            message:
              "The message was DEFLATE-compressed although it was sent with the HTTP-POST binding; it was inflated here to show it, " +
              (receiver === "sp"
                ? `but python3-saml does not inflate POSTed messages and fails to parse the compressed bytes: ${SENTRY.serverError}.`
                : "but the HTTP-POST binding carries uncompressed XML and the receiver may refuse it."),
            expected: "base64 of the XML itself",
            actual: "base64 of DEFLATE-compressed XML",
          },
        ]
      : [],
});
