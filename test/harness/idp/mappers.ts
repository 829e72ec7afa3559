/**
 * SAML attributes from protocol mappers, as Keycloak's SAML mappers emit them: the client's own mappers (dedicated
 * scope) and those of its default client scopes. Reproduced mapper types:
 * - saml-user-property-mapper (UserPropertyAttributeStatementMapper): a UserModel property (email, username, firstName,
 *   lastName, id);
 * - saml-user-attribute-mapper: a user attribute (here: the same properties);
 * - saml-hardcode-attribute-mapper: a constant;
 * - saml-role-list-mapper (RoleListMapper): one Attribute element per role, or one element with every role as a value
 *   when "Single Role Attribute" (`single`) is on.
 * An attribute with no value is not emitted (Keycloak skips null values).
 */
import type { KeycloakClient, KeycloakClientScope, KeycloakUser, ProtocolMapper } from "./keycloak-client.js";

export interface SamlAttribute {
  readonly name: string;
  readonly nameFormat: string;
  readonly friendlyName: string | undefined;
  readonly values: readonly string[];
}

const NAME_FORMATS: Readonly<Record<string, string>> = {
  Basic: "urn:oasis:names:tc:SAML:2.0:attrname-format:basic",
  "URI Reference": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
  Unspecified: "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified",
};

function userProperty(user: KeycloakUser, property: string | undefined): string | undefined {
  switch (property) {
    case "email":
      return user.email;
    case "username":
      return user.username;
    case "firstName":
      return user.firstName;
    case "lastName":
      return user.lastName;
    case "id":
      return user.id;
    default:
      return undefined;
  }
}

function attributeFrom(mapper: ProtocolMapper, values: readonly string[]): SamlAttribute {
  const config = mapper.config ?? {};
  return {
    name: config["attribute.name"] ?? mapper.name,
    nameFormat: NAME_FORMATS[config["attribute.nameformat"] ?? "Basic"] ?? NAME_FORMATS.Basic ?? "",
    friendlyName: config["friendly.name"] || undefined,
    values,
  };
}

function emit(mapper: ProtocolMapper, user: KeycloakUser): SamlAttribute[] {
  const config = mapper.config ?? {};
  switch (mapper.protocolMapper) {
    case "saml-user-property-mapper":
    case "saml-user-attribute-mapper": {
      const value = userProperty(user, config["user.attribute"]);
      return value === undefined || value === "" ? [] : [attributeFrom(mapper, [value])];
    }
    case "saml-hardcode-attribute-mapper": {
      const value = config["attribute.value"];
      return value === undefined ? [] : [attributeFrom(mapper, [value])];
    }
    case "saml-role-list-mapper": {
      const roles = user.realmRoles ?? [];
      if (roles.length === 0) return [];
      return config.single === "true" ? [attributeFrom(mapper, roles)] : roles.map((role) => attributeFrom(mapper, [role]));
    }
    default:
      return [];
  }
}

export function effectiveMappers(client: KeycloakClient, scopes: readonly KeycloakClientScope[]): ProtocolMapper[] {
  const mappers = [...(client.protocolMappers ?? [])];
  for (const name of client.defaultClientScopes ?? []) {
    const scope = scopes.find((candidate) => candidate.name === name && (candidate.protocol ?? "saml") === "saml");
    mappers.push(...(scope?.protocolMappers ?? []));
  }
  return mappers.filter((mapper) => (mapper.protocol ?? "saml") === "saml");
}

export function attributesFor(client: KeycloakClient, scopes: readonly KeycloakClientScope[], user: KeycloakUser): SamlAttribute[] {
  return effectiveMappers(client, scopes).flatMap((mapper) => emit(mapper, user));
}
