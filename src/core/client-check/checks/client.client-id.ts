import { defineCheck } from "../check-context.js";
import { setSetting, settingFinding, where } from "../check-context.js";

export const check = defineCheck({
  id: "client.client-id",
  run(context) {
    const expectation = context.preset.keycloak.clientId;
    const expected = String(expectation.expected);
    const actual = context.client.clientId;
    if (actual === expected) return [];
    return [
      {
        finding: settingFinding("client.client-id", "clientId", expectation, {
          actual,
          message: `${describeDifference(actual, expected)} ${expectation.explanation}`,
          fix: `Set ${where("clientId")} to "${expected}" exactly.`,
        }),
        patch: [setSetting("clientId", expected)],
      },
    ];
  },
});

function describeDifference(actual: string, expected: string): string {
  const trimmed = actual.trim();
  if (trimmed !== actual && trimmed === expected) return `The Client ID "${actual}" has spaces around it.`;
  if (`${actual}/` === expected) return `The Client ID "${actual}" lacks the trailing slash of "${expected}".`;
  if (actual === `${expected}/` || actual.replace(/\/+$/, "/") === expected) return `The Client ID "${actual}" has an extra slash at the end.`;
  if (actual.toLowerCase() === expected.toLowerCase()) return `The Client ID "${actual}" differs from "${expected}" in upper/lower case, which Keycloak does not ignore.`;
  const scheme = /^https?:/;
  if (actual.replace(scheme, "") === expected.replace(scheme, "")) return `The Client ID "${actual}" has the wrong scheme (http vs https) for "${expected}".`;
  return `The Client ID is "${actual}", but the SP's entity ID is "${expected}".`;
}
