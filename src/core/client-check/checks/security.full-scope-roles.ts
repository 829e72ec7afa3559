import { defineCheck } from "../check-context.js";
import { SECURITY_SOURCES, securityFinding } from "../security-support.js";
import { pointer } from "../json-patch.js";
import { MAPPER_TYPES } from "../../keycloak/mappers.js";
import { ROLE_LIST_SCOPE, dedicatedScopeName } from "../../keycloak/attributes.js";

/**
 * kcwarden ClientWithFullScopeAllowed, narrowed to where it matters for SAML: roles reach the assertion only through a
 * role mapper, and with Full scope allowed that mapper lists every role the user has in every client. Sentry reads no
 * role, so the assertion tells Sentry (and anyone who sees it) more than it needs.
 */
export const check = defineCheck({
  id: "security.full-scope-roles",
  run(context) {
    const fullScope = context.client.fullScopeAllowed;
    if (fullScope === false) return [];
    const roleMappers = context.mappers.mappers.filter((mapper) => mapper.mapper.protocolMapper === MAPPER_TYPES.roleList);
    const roleListAssigned = context.mappers.roleList === "assigned-undefined";
    if (roleMappers.length === 0 && !roleListAssigned) return [];
    const names = roleMappers.map((mapper) => mapper.mapper.name ?? mapper.attributeName);
    return [
      {
        finding: securityFinding(
          "security.full-scope-roles",
          {
            field: { label: "Full scope allowed", tab: "Client scopes", section: `${dedicatedScopeName(context.client.clientId)} › Scope` },
            attributeKey: "fullScopeAllowed",
          },
          {
            severity: "warning",
            expected: false,
            actual: typeof fullScope === "boolean" ? fullScope : null,
            message:
              `Full scope allowed is On and a role mapper (${names.length > 0 ? names.join(", ") : ROLE_LIST_SCOPE}) puts roles into the assertion: it lists every ` +
              "realm and client role the user has. Sentry reads no role, so this only discloses the user's privileges elsewhere to Sentry and to anyone who sees the response.",
            fix: `Turn Full scope allowed Off on the client's dedicated scope (Client scopes › ${dedicatedScopeName(context.client.clientId)} › Scope), or remove ${ROLE_LIST_SCOPE} from the client as the setup does.`,
            source: SECURITY_SOURCES.keycloakSaml,
          },
        ),
        patch: [{ op: "add", path: pointer("fullScopeAllowed"), value: false }],
      },
    ];
  },
});
