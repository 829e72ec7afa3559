/** Shared by the mapper checks: where a mapper lives in the console, and new mappers as Keycloak exports them. */
import type { CheckContext } from "./check-context.js";
import type { AttributeMapper, MapperView } from "./effective-mappers.js";
import type { FieldPlace } from "../keycloak/attributes.js";
import { dedicatedScopeName } from "../keycloak/attributes.js";
import { MAPPER_CONFIG, MAPPER_TYPES, mapperField } from "../keycloak/mappers.js";
import { pointer, type JsonPatchOperation } from "./json-patch.js";
import type { ExportKind } from "./input.js";

/** "Client scopes › role_list › Mappers › role list" or the client's dedicated scope. */
export function mapperLocation(context: CheckContext, mapper: AttributeMapper): string {
  const name = mapper.mapper.name ?? mapper.mapper.protocolMapper;
  return mapper.origin.kind === "client"
    ? `Clients › ${context.client.clientId} › Client scopes › ${dedicatedScopeName(context.client.clientId)} › Mappers › ${name}`
    : `Client scopes › ${mapper.origin.scope} › Mappers › ${name}`;
}

export function dedicatedMappersField(context: CheckContext): FieldPlace {
  return mapperField("attributeName", `${dedicatedScopeName(context.client.clientId)} › Mappers`);
}

/** The field inside the "Client scopes" tab (the client's, or the realm menu's for a shared scope). */
export function mapperFieldAt(context: CheckContext, mapper: AttributeMapper, config: keyof typeof MAPPER_CONFIG): FieldPlace {
  const name = mapper.mapper.name ?? mapper.mapper.protocolMapper;
  const scope = mapper.origin.kind === "client" ? dedicatedScopeName(context.client.clientId) : mapper.origin.scope;
  return mapperField(config, `${scope} › Mappers › ${name}`);
}

/** A "User Property" mapper in the shape of a Keycloak 24–26 export (Basic name format, as Sentry expects plain names). */
export function userPropertyMapper(mapperName: string, attributeName: string, property: string): Record<string, unknown> {
  return {
    name: mapperName,
    protocol: "saml",
    protocolMapper: MAPPER_TYPES.userProperty,
    consentRequired: false,
    config: {
      [MAPPER_CONFIG.attributeNameFormat.key]: "Basic",
      [MAPPER_CONFIG.userAttribute.key]: property,
      [MAPPER_CONFIG.friendlyName.key]: property,
      [MAPPER_CONFIG.attributeName.key]: attributeName,
    },
  };
}

export function addClientMapper(mapper: Record<string, unknown>): JsonPatchOperation {
  return { op: "add", path: pointer("protocolMappers", "-"), value: mapper };
}

export function setClientMapperConfig(index: number, config: keyof typeof MAPPER_CONFIG, value: string): JsonPatchOperation {
  return { op: "add", path: pointer("protocolMappers", index, "config", MAPPER_CONFIG[config].key), value };
}

export function emittedNames(view: MapperView): string[] {
  return [...new Set(view.mappers.map((mapper) => mapper.attributeName))];
}

/** Why the check cannot see every mapper, for "cannot tell" messages: in the console's words or a file's. */
export function unknownScopesReason(view: MapperView, kind: ExportKind): string {
  if (kind === "console") {
    return view.assignedScopes === null
      ? "SAML Lens has not seen the client scopes assigned to this client yet (the console loads them on the Client scopes tab), and they can hold mappers too"
      : `SAML Lens has not seen the mappers of the client's scopes ${view.undefinedScopes.map((scope) => `"${scope}"`).join(", ")} yet (the console loads them on the Client scopes tab)`;
  }
  if (view.assignedScopes === null) {
    return "a client export does not include the client scopes assigned to the client, which can hold mappers too";
  }
  return `the client's scopes ${view.undefinedScopes.map((scope) => `"${scope}"`).join(", ")} are not defined in this file`;
}

/** What lets the check see the client's scopes: the console's tab, or a richer export. */
export function cannotTellFix(kind: ExportKind): string {
  return kind === "console"
    ? "Open this client's Client scopes tab once: the console loads the scopes there, and SAML Lens checks them."
    : "Check Clients › the client › Client scopes › Evaluate (Effective protocol mappers), or give a realm export " +
        "(Realm settings › Action › Partial export, with clients) so the scopes can be followed.";
}
