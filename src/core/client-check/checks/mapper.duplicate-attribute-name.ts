import { defineCheck } from "../check-context.js";
import type { CheckContext, CheckOutcome } from "../check-context.js";
import type { AttributeMapper } from "../effective-mappers.js";
import { pointer, type JsonPatchOperation } from "../json-patch.js";
import { CLIENT_SETTINGS, ROLE_LIST_SCOPE, fieldPlace } from "../../keycloak/attributes.js";
import { MAPPER_CONFIG, MAPPER_TYPES, mapperField } from "../../keycloak/mappers.js";
import { cannotTellFix, mapperFieldAt, mapperLocation, setClientMapperConfig } from "../mapper-support.js";

export const check = defineCheck({
  id: "mapper.duplicate-attribute-name",
  run(context) {
    return [...repeatedByOneMapper(context), ...sharedNames(context), ...roleListUnknown(context)];
  },
});

function expectation(context: CheckContext) {
  return context.preset.keycloak.uniqueAttributeNames;
}

/** Without role_list, the client keeps its other scopes; Sentry reads no roles, so nothing is lost. */
function withoutRoleList(context: CheckContext): JsonPatchOperation[] {
  const assigned = context.mappers.assignedScopes;
  const mappersKnown = context.preset.sp.attributes.required.every((attribute) =>
    context.mappers.mappers.some((mapper) => mapper.attributeName === attribute.samlName && mapper.origin.kind === "client"),
  );
  // With the scopes unknown, an explicit empty list would also drop scopes that may carry needed mappers.
  if (assigned === null && !mappersKnown) return [];
  const value = (assigned ?? []).filter((scope) => scope !== ROLE_LIST_SCOPE);
  return [{ op: "add", path: pointer(CLIENT_SETTINGS.defaultClientScopes.key), value }];
}

const REMOVE_ROLE_LIST =
  `Remove ${ROLE_LIST_SCOPE} from the client (${fieldPlace("defaultClientScopes").tab} tab › ${ROLE_LIST_SCOPE} › ⋮ › Remove; Sentry reads no roles), ` +
  `or turn Single Role Attribute On in Client scopes › ${ROLE_LIST_SCOPE} › Mappers › role list (this changes it for every client using ${ROLE_LIST_SCOPE}).`;

function repeatedByOneMapper(context: CheckContext): CheckOutcome[] {
  const out: CheckOutcome[] = [];
  for (const mapper of context.mappers.mappers.filter((candidate) => candidate.repeatsAttribute)) {
    const isRoleList = mapper.mapper.protocolMapper === MAPPER_TYPES.roleList;
    const switchName = isRoleList ? "Single Role Attribute" : "Single Group Attribute";
    const inRoleListScope = mapper.origin.kind === "scope" && mapper.origin.scope === ROLE_LIST_SCOPE;
    const patch =
      mapper.origin.kind === "client"
        ? [setClientMapperConfig(mapper.origin.index, "single", "true")]
        : inRoleListScope
          ? withoutRoleList(context)
          : [];
    out.push({
      finding: {
        id: "mapper.duplicate-attribute-name",
        severity: expectation(context).severity,
        field: { ...mapperFieldAt(context, mapper, "single"), label: switchName },
        attributeKey: MAPPER_CONFIG.single.key,
        expected: "true",
        actual: mapper.mapper.config?.[MAPPER_CONFIG.single.key] ?? null,
        message:
          `Mapper "${mapper.mapper.name ?? mapper.mapper.protocolMapper}" (${mapperLocation(context, mapper)}) emits one ` +
          `"${mapper.attributeName}" attribute per ${isRoleList ? "role" : "group"} because ${switchName} is Off; every user has ` +
          `several roles (the realm's default roles alone give three). ${expectation(context).explanation}`,
        fix: inRoleListScope ? REMOVE_ROLE_LIST : `Turn ${switchName} On in ${mapperLocation(context, mapper)}.`,
        source: expectation(context).source,
      },
      patch,
    });
  }
  return out;
}

function sharedNames(context: CheckContext): CheckOutcome[] {
  const byName = new Map<string, AttributeMapper[]>();
  for (const mapper of context.mappers.mappers) byName.set(mapper.attributeName, [...(byName.get(mapper.attributeName) ?? []), mapper]);
  const out: CheckOutcome[] = [];
  for (const [name, mappers] of byName) {
    if (mappers.length < 2) continue;
    const first = mappers[0];
    if (first === undefined) continue;
    out.push({
      finding: {
        id: "mapper.duplicate-attribute-name",
        severity: expectation(context).severity,
        field: mapperFieldAt(context, first, "attributeName"),
        attributeKey: MAPPER_CONFIG.attributeName.key,
        expected: "one mapper per SAML Attribute Name",
        actual: mappers.map((mapper) => mapperLocation(context, mapper)),
        message:
          `${mappers.length} mappers emit an attribute named "${name}": ` +
          `${mappers.map((mapper) => mapperLocation(context, mapper)).join("; ")}. ${expectation(context).explanation}`,
        fix: `Keep one of them: delete the others or give them another SAML Attribute Name.`,
        source: expectation(context).source,
      },
      patch: [],
    });
  }
  return out;
}

function roleListUnknown(context: CheckContext): CheckOutcome[] {
  const state = context.mappers.roleList;
  if (state !== "unknown" && state !== "assigned-undefined") return [];
  const kind = context.input.kind;
  const reason =
    kind === "console"
      ? state === "unknown"
        ? `SAML Lens has not seen this client's assigned client scopes yet (the console loads them on the Client scopes tab), and Keycloak assigns ${ROLE_LIST_SCOPE} to every new SAML client.`
        : `${ROLE_LIST_SCOPE} is assigned to the client, and SAML Lens has not seen its mappers yet (the console loads them on the Client scopes tab).`
      : state === "unknown"
        ? `A client export does not list the client's scopes, and Keycloak assigns ${ROLE_LIST_SCOPE} to every new SAML client.`
        : `${ROLE_LIST_SCOPE} is assigned to the client, but this file does not define the scope.`;
  return [
    {
      finding: {
        id: "mapper.duplicate-attribute-name",
        severity: "warning",
        field: mapperField("single", `${ROLE_LIST_SCOPE} › Mappers › role list`),
        attributeKey: MAPPER_CONFIG.single.key,
        expected: "true",
        actual: null,
        message:
          `Cannot tell whether the role list repeats the "Role" attribute. ${reason} Its role list mapper emits one Role ` +
          `attribute per role unless Single Role Attribute is On. ${expectation(context).explanation}`,
        fix: `${REMOVE_ROLE_LIST} ${cannotTellFix(kind)}`,
        source: expectation(context).source,
      },
      patch: withoutRoleList(context),
    },
  ];
}
