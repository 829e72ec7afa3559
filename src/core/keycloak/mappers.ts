/**
 * Keycloak's SAML protocol mappers: type ids, config keys, and where the admin console shows them. Type ids and keys
 * are from Keycloak's mapper classes; labels from the admin console (see docs/keycloak-admin-console.md). Apart from
 * the client settings (attributes.ts), so that the content script does not carry these tables.
 */
import type { ClientTabLabel, FieldPlace } from "./attributes.js";

/** Protocol mapper type ids (`protocolMapper`) of the SAML mappers that put attributes into the assertion. */
export const MAPPER_TYPES = {
  userProperty: "saml-user-property-mapper",
  userAttribute: "saml-user-attribute-mapper",
  hardcodedAttribute: "saml-hardcode-attribute-mapper",
  roleList: "saml-role-list-mapper",
  groupList: "saml-group-membership-mapper",
  javascript: "saml-javascript-mapper",
  userSessionNote: "saml-user-session-note-mapper",
  organization: "saml-organization-membership-mapper",
} as const;

export const MAPPER_CONFIG = {
  attributeName: { key: "attribute.name", label: "SAML Attribute Name" },
  attributeNameFormat: { key: "attribute.nameformat", label: "SAML Attribute NameFormat" },
  friendlyName: { key: "friendly.name", label: "Friendly Name" },
  /** User Property: the property; User Attribute: the attribute. */
  userAttribute: { key: "user.attribute", label: "Property" },
  hardcodedValue: { key: "attribute.value", label: "Attribute value" },
  /** Role list: "Single Role Attribute"; Group list: "Single Group Attribute". */
  single: { key: "single", label: "Single Role Attribute" },
  aggregateAttributes: { key: "aggregate.attrs", label: "Aggregate attribute values" },
} as const;

export type MapperConfigName = keyof typeof MAPPER_CONFIG;

/** The attribute name a mapper type uses when its config has none (role list: "Role"; organization: fixed name). */
export const DEFAULT_ATTRIBUTE_NAME: Readonly<Record<string, string>> = {
  [MAPPER_TYPES.roleList]: "Role",
  [MAPPER_TYPES.organization]: "organization",
};

export function mapperField(config: MapperConfigName, where: string): FieldPlace {
  const tab: ClientTabLabel = "Client scopes";
  return { label: MAPPER_CONFIG[config].label, tab, section: where };
}
