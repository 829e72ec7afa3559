import { defineCheck } from "../check-context.js";
import { settingFinding } from "../check-context.js";

export const check = defineCheck({
  id: "client.protocol",
  run(context) {
    const expectation = context.preset.keycloak.protocol;
    const actual = context.client.protocol ?? null;
    if (actual === expectation.expected) return [];
    return [
      {
        finding: settingFinding("client.protocol", "protocol", expectation, {
          actual,
          message: `The client's protocol is ${actual === null ? "not set" : `"${actual}"`}, not SAML. ${expectation.explanation}`,
          fix: "Keycloak cannot switch a client's protocol: create the client again with Client type SAML (or import the corrected client JSON).",
        }),
        patch: [],
      },
    ];
  },
});
