/**
 * The client as the console would save it right now: the saved representation with the form's unsaved values on top,
 * read from the fields of the current tab (a tab's DOM exists only while it is shown).
 */
import { attributeOfFormKey, valueAtFormKey } from "../core/keycloak/form-keys.js";
import { CONSOLE_FIELDS, findField, selectText, uriListInputs, type ConsoleField } from "./selectors.js";

export type FormValues = Map<string, unknown>;

function readField(root: Document, field: ConsoleField): unknown {
  if (field.kind === "uri-list") {
    const inputs = uriListInputs(root);
    return inputs.length === 0 ? undefined : inputs.map((input) => input.value.trim()).filter((value) => value !== "");
  }
  const element = findField(root, field);
  if (element === null) return undefined;
  if (field.kind === "switch" || field.kind === "dialog-switch") {
    if (!(element instanceof HTMLInputElement)) return undefined;
    return field.booleanType === "json" ? element.checked : String(element.checked);
  }
  if (field.kind === "select") {
    const text = selectText(element);
    return text === "" ? undefined : text;
  }
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : undefined;
}

export function readFormValues(root: Document): FormValues {
  const values: FormValues = new Map();
  for (const field of CONSOLE_FIELDS) {
    const value = readField(root, field);
    if (value !== undefined) values.set(field.key, value);
  }
  return values;
}

export function withFormValues(saved: Record<string, unknown>, values: FormValues): Record<string, unknown> {
  const client: Record<string, unknown> = { ...saved };
  const savedAttributes = saved.attributes;
  const attributes: Record<string, unknown> =
    typeof savedAttributes === "object" && savedAttributes !== null && !Array.isArray(savedAttributes) ? { ...savedAttributes } : {};
  for (const [key, value] of values) {
    const attribute = attributeOfFormKey(key);
    if (attribute !== undefined) attributes[attribute] = value;
    else client[key] = value;
  }
  client.attributes = attributes;
  return client;
}

/** The form's values differ from the saved client (a value the saved client lacks counts as its default, off or empty). */
export function differsFromSaved(values: FormValues, saved: Record<string, unknown>): boolean {
  for (const [key, value] of values) {
    const before = valueAtFormKey(saved, key);
    const normalized = before === undefined && (value === "false" || value === "" || value === false) ? value : before;
    if (JSON.stringify(normalized) !== JSON.stringify(value)) return true;
  }
  return false;
}

/** `differsFromSaved`, answered again without a new comparison while the values and the saved client are the same objects. */
export function memoizedDiffersFromSaved(): (values: FormValues, saved: Record<string, unknown>) => boolean {
  let last: { values: FormValues; saved: Record<string, unknown>; differs: boolean } | null = null;
  return (values, saved) => {
    if (last?.values !== values || last.saved !== saved) last = { values, saved, differs: differsFromSaved(values, saved) };
    return last.differs;
  };
}
