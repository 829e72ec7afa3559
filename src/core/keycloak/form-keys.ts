/**
 * The console's client form names a setting by its place in the ClientRepresentation: a top-level field by its own
 * name (`clientId`), a client attribute as `attributes.<attribute key>` (`attributes.saml.force.post.binding`). The
 * overlay's fields, badges and patches use these form keys.
 */
import { CLIENT_SETTINGS, type ClientSettingName } from "./attributes.js";

const ATTRIBUTE_PREFIX = "attributes.";

/** `saml.encrypt` → `attributes.saml.encrypt`. */
export function formKey(attribute: string): string {
  return ATTRIBUTE_PREFIX + attribute;
}

/** `attributes.saml.encrypt` → `saml.encrypt`; `undefined` for a top-level field's key. */
export function attributeOfFormKey(key: string): string | undefined {
  return key.startsWith(ATTRIBUTE_PREFIX) ? key.slice(ATTRIBUTE_PREFIX.length) : undefined;
}

/** What a client representation holds at a form key (`undefined` when it holds nothing there). */
export function valueAtFormKey(client: Readonly<Record<string, unknown>>, key: string): unknown {
  const attribute = attributeOfFormKey(key);
  if (attribute === undefined) return client[key];
  const attributes: unknown = client.attributes;
  return typeof attributes === "object" && attributes !== null ? (attributes as Readonly<Record<string, unknown>>)[attribute] : undefined;
}

/** A client setting's form key. */
export function settingFormKey(name: ClientSettingName): string {
  const setting = CLIENT_SETTINGS[name];
  return setting.where === "attribute" ? formKey(setting.key) : setting.key;
}
