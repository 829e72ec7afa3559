/**
 * Fixes through the page's own form, as the user would make them: the native value setter plus an input event for
 * text fields (React-controlled), clicks for switches and select options. The form becomes dirty and the user presses
 * Save; nothing here submits, saves or touches a field that has focus. Keys-tab switches open the console's own
 * confirmation dialog, which saves at once when the user confirms.
 */
import type { FormWrite } from "./fix-plan.js";
import { addRedirectUriButton, findField, hasFocus, selectOptions, uriListInputs, uriRemoveButton } from "./selectors.js";
import { wait, waitFor } from "./wait.js";

export interface FixReport {
  /** Form fields changed: the user reviews them and presses Save. */
  readonly changed: number;
  /** Keys-tab switches clicked: the console asks to confirm each, and saves the client once the user confirms. */
  readonly confirming: number;
  readonly problems: readonly string[];
}

/** React tracks a controlled input's value on the element; the prototype's setter goes around that tracker. */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  if (setter === undefined) input.value = value;
  else setter.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

const isOn = (value: unknown) => value === true || value === "true";

type WriteResult = "changed" | "confirming" | "unchanged" | { readonly problem: string };

/** Applies one write: what it did, or a problem in the user's words. */
async function applyWrite(doc: Document, write: FormWrite): Promise<WriteResult> {
  const result = await writeField(doc, write);
  return typeof result === "string" ? { problem: result } : result === null ? "changed" : result.done;
}

async function writeField(doc: Document, write: FormWrite): Promise<string | null | { readonly done: "confirming" | "unchanged" }> {
  const { field } = write;
  if ("uri" in write) return writeUri(doc, write.uri, write.index);
  if ("uris" in write) return writeUriList(doc, write.uris);
  const element = findField(doc, field);
  if (element === null) return `${field.key} is not on this page.`;
  if (hasFocus(element)) return `${field.key} is being edited; it was left as it is.`;
  if (field.kind === "text") {
    if (!(element instanceof HTMLInputElement)) return `${field.key} is not a text field.`;
    if (element.value !== String(write.value ?? "")) setNativeValue(element, String(write.value ?? ""));
    return null;
  }
  if (field.kind === "switch" || field.kind === "dialog-switch") {
    if (!(element instanceof HTMLInputElement)) return `${field.key} is not a switch.`;
    if (element.checked === isOn(write.value)) return { done: "unchanged" };
    element.click();
    return field.kind === "dialog-switch" ? { done: "confirming" } : null;
  }
  return chooseOption(doc, element, String(write.value ?? ""), field.key);
}

/** Opens a menu-toggle select and clicks the option whose text is `wanted`. */
export async function chooseOption(doc: Document, toggle: HTMLElement, wanted: string, name: string): Promise<string | null> {
  const find = () => selectOptions(doc, toggle).find((candidate) => (candidate.textContent ?? "").trim() === wanted) ?? null;
  toggle.click();
  // The menu renders on the console's next React pass: quick, except on a machine busy with something else. A menu
  // that closed again before it showed (another click landed meanwhile) is opened once more.
  let option = await waitFor(find, 2500);
  if (option === null && selectOptions(doc, toggle).length === 0) {
    toggle.click();
    option = await waitFor(find, 2500);
  }
  if (option === null) {
    if (selectOptions(doc, toggle).length > 0) toggle.click();
    return `The option ${wanted} was not found in ${name}.`;
  }
  option.click();
  return null;
}

async function writeUri(doc: Document, uri: string, index: number | "append"): Promise<string | null> {
  const inputs = uriListInputs(doc);
  if (inputs.some((input) => input.value.trim() === uri)) return null;
  let target: HTMLInputElement | null = index === "append" ? (inputs.find((input) => input.value.trim() === "") ?? null) : (inputs[index] ?? null);
  if (target === null) {
    const add = addRedirectUriButton(doc);
    if (add === null) return "Valid redirect URIs cannot take another entry here.";
    const before = inputs.length;
    add.click();
    target = await waitFor(() => uriListInputs(doc)[before] ?? null);
    if (target === null) return "Valid redirect URIs did not add an entry.";
  }
  if (hasFocus(target)) return "Valid redirect URIs is being edited; it was left as it is.";
  setNativeValue(target, uri);
  return null;
}

/**
 * The list becomes exactly `wanted`: entries not wanted take the wanted values still missing, more are added, and the
 * rest are removed with their own remove buttons, last first (a removal renumbers the entries after it).
 */
async function writeUriList(doc: Document, wanted: readonly string[]): Promise<string | null> {
  const has = (uri: string) => uriListInputs(doc).some((input) => input.value.trim() === uri);
  const missing = wanted.filter((uri) => !has(uri));
  for (const input of uriListInputs(doc)) {
    if (wanted.includes(input.value.trim()) || missing.length === 0) continue;
    if (hasFocus(input)) return "Valid redirect URIs is being edited; it was left as it is.";
    setNativeValue(input, missing.shift() ?? "");
  }
  for (const uri of missing) {
    const problem = await writeUri(doc, uri, "append");
    if (problem !== null) return problem;
  }
  for (let index = uriListInputs(doc).length - 1; index >= 0; index--) {
    const input = uriListInputs(doc)[index];
    if (input === undefined || wanted.includes(input.value.trim())) continue;
    const before = uriListInputs(doc).length;
    uriRemoveButton(input)?.click();
    if ((await waitFor(() => uriListInputs(doc).length < before || null)) === null) return `Valid redirect URIs did not remove "${input.value}".`;
  }
  return null;
}

/**
 * One set of writes at a time, in the order asked: a Fix clicked while "Fix all" is still choosing a select's option
 * would open its own menu into the other one (the console closes a menu on any click outside it).
 */
let writing: Promise<unknown> = Promise.resolve();

export function applyWrites(doc: Document, writes: readonly FormWrite[]): Promise<FixReport> {
  const run = writing.then(() => applyWritesNow(doc, writes));
  writing = run.catch(() => undefined);
  return run;
}

async function applyWritesNow(doc: Document, writes: readonly FormWrite[]): Promise<FixReport> {
  const problems: string[] = [];
  let changed = 0;
  let confirming = 0;
  for (const write of writes) {
    const result = await applyWrite(doc, write);
    if (result === "changed") changed += 1;
    else if (result === "confirming") confirming += 1;
    else if (typeof result === "object") problems.push(result.problem);
    // Switches reveal or hide fields (Sign documents → Signature algorithm): let React render before the next write.
    await wait(30);
  }
  return { changed, confirming, problems };
}
