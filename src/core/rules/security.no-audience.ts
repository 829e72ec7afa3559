import { SECURITY_SOURCES } from "../presets/sources.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

/**
 * No AudienceRestriction: python3-saml checks the audience only when there is one, so Sentry accepts the assertion, and
 * so would every other SP that trusts this IdP; a response meant for one of them logs in to Sentry too.
 */
export const rule = defineRule({
  id: "security.no-audience",
  kind: "security",
  source: SECURITY_SOURCES.samlProfiles,
  fix: "Keycloak always writes the client ID as Audience; an assertion without one was produced or altered elsewhere.",
  check: (context) => {
    const read = spAssertion(context);
    const conditions = read?.assertion.conditions;
    if (read === undefined || (conditions !== undefined && conditions.audiences.length > 0)) return [];
    return [
      {
        severity: "warning",
        message:
          "The Assertion names no Audience. Sentry's python3-saml checks the audience only when one is present, so it accepts this assertion, " +
          "and so would any other service provider that trusts this IdP: an assertion issued for another application logs the user in here too.",
        expected: context.profile.spEntityId === undefined ? "an AudienceRestriction naming Sentry" : `Audience ${context.profile.spEntityId}`,
        actual: "no AudienceRestriction",
      },
    ];
  },
});
