import { SENTRY, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "decode.invalid-base64",
  source: SOURCES.constructor,
  fix: "Not a Keycloak setting: the value was cut or altered on its way (copy the whole value, or capture it again as a HAR).",
  check: ({ decodeError, receiver }) =>
    decodeError?.code === "decode.invalid-base64"
      ? [
          {
            severity: "error",
            message: `${decodeError.message} The ${receiver === "sp" ? "service provider" : "identity provider"} cannot decode it either${receiver === "sp" ? `: ${SENTRY.serverError}` : ""}.`,
            actual: decodeError.message,
          },
        ]
      : [],
});
