/**
 * Which mappers put attributes into the client's assertions: the client's own (its dedicated scope) plus those of
 * its default client scopes. A client export lists only its own mappers, so what the scopes add can only be told
 * from a realm export; the view says how much is known so checks say "cannot tell" instead of "missing".
 */
import type { KeycloakClientScope, KeycloakInput, KeycloakMapper } from "./input.js";
import { ROLE_LIST_SCOPE, isOn } from "../keycloak/attributes.js";
import { DEFAULT_ATTRIBUTE_NAME, MAPPER_CONFIG, MAPPER_TYPES } from "../keycloak/mappers.js";

export type MapperOrigin = { readonly kind: "client"; readonly index: number } | { readonly kind: "scope"; readonly scope: string };

export interface AttributeMapper {
  readonly mapper: KeycloakMapper;
  readonly origin: MapperOrigin;
  /** The SAML Attribute Name it emits. */
  readonly attributeName: string;
  readonly friendlyName: string | null;
  /** The user property / attribute it reads, for User Property and User Attribute mappers. */
  readonly reads: string | null;
  /** Emits one Attribute element per value (role or group list without the "single" switch). */
  readonly repeatsAttribute: boolean;
}

export type RoleListState =
  /** role_list is not among the client's default scopes. */
  | "not-assigned"
  /** Assigned, but its mappers emit each attribute once (Single Role Attribute on, or the mapper removed). */
  | "harmless"
  | "repeated"
  /** Assigned, but the file does not define the scope. */
  | "assigned-undefined"
  /** The file does not say which scopes the client has. */
  | "unknown";

export interface MapperView {
  readonly mappers: readonly AttributeMapper[];
  /** The client's default client scopes, or `null` when the file does not list them. */
  readonly assignedScopes: readonly string[] | null;
  /** Assigned scopes the file does not define (their mappers are unknown). */
  readonly undefinedScopes: readonly string[];
  /** Every mapper that can reach the assertion is known. */
  readonly complete: boolean;
  readonly roleList: RoleListState;
}

const EMITTING_TYPES: ReadonlySet<string> = new Set(Object.values(MAPPER_TYPES));
const REPEATING_TYPES: ReadonlySet<string> = new Set([MAPPER_TYPES.roleList, MAPPER_TYPES.groupList]);

function attributeMapper(mapper: KeycloakMapper, origin: MapperOrigin): AttributeMapper | null {
  if (mapper.protocol !== undefined && mapper.protocol !== "saml") return null;
  if (!EMITTING_TYPES.has(mapper.protocolMapper)) return null;
  const config = mapper.config ?? {};
  const attributeName = config[MAPPER_CONFIG.attributeName.key] || DEFAULT_ATTRIBUTE_NAME[mapper.protocolMapper];
  if (!attributeName) return null;
  const readsUser = mapper.protocolMapper === MAPPER_TYPES.userProperty || mapper.protocolMapper === MAPPER_TYPES.userAttribute;
  return {
    mapper,
    origin,
    attributeName,
    friendlyName: config[MAPPER_CONFIG.friendlyName.key] || null,
    reads: readsUser ? config[MAPPER_CONFIG.userAttribute.key] || null : null,
    repeatsAttribute: REPEATING_TYPES.has(mapper.protocolMapper) && !isOn(config[MAPPER_CONFIG.single.key]),
  };
}

export function effectiveMappers(input: KeycloakInput): MapperView {
  const mappers: AttributeMapper[] = [];
  (input.client.protocolMappers ?? []).forEach((mapper, index) => {
    const found = attributeMapper(mapper, { kind: "client", index });
    if (found !== null) mappers.push(found);
  });
  const assigned = input.client.defaultClientScopes ?? null;
  const undefinedScopes: string[] = [];
  let roleList: RoleListState = "unknown";
  if (assigned !== null) {
    roleList = assigned.includes(ROLE_LIST_SCOPE) ? "assigned-undefined" : "not-assigned";
    for (const name of assigned) {
      const scope = findScope(input.clientScopes, name);
      if (scope === undefined) {
        undefinedScopes.push(name);
        continue;
      }
      const scopeMappers = (scope.protocolMappers ?? [])
        .map((mapper) => attributeMapper(mapper, { kind: "scope", scope: name }))
        .filter((mapper): mapper is AttributeMapper => mapper !== null);
      mappers.push(...scopeMappers);
      if (name === ROLE_LIST_SCOPE) {
        const roleMappers = scopeMappers.filter((mapper) => mapper.mapper.protocolMapper === MAPPER_TYPES.roleList);
        roleList = roleMappers.some((mapper) => mapper.repeatsAttribute) ? "repeated" : "harmless";
      }
    }
  }
  return { mappers, assignedScopes: assigned, undefinedScopes, complete: assigned !== null && undefinedScopes.length === 0, roleList };
}

function findScope(scopes: readonly KeycloakClientScope[] | null, name: string): KeycloakClientScope | undefined {
  return scopes?.find((scope) => scope.name === name && (scope.protocol === undefined || scope.protocol === "saml"));
}
