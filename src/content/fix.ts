/**
 * Fixes through the page's own form, as the user would make them: the native value setter plus an input event for
 * text fields (React-controlled), clicks for switches and select options. The form becomes dirty and the user presses
 * Save; nothing here submits, saves or touches a field that has focus. Keys-tab switches open the console's own
 * confirmation dialog, which saves at once when the user confirms. Mapper fixes live on other pages: the fix goes there.
 */
import type { Outcome, PatchOperation } from "./findings.js";
import type { ClientRoute } from "../core/keycloak/console-routes.js";
import { formKey } from "../core/keycloak/form-keys.js";
import { addRedirectUriButton, consoleRoute, fieldByKey, findField, hasFocus, selectOptions, uriListInputs, type ConsoleField } from "./selectors.js";

export type FormWrite =
  | { readonly field: ConsoleField; readonly value: unknown }
  | { readonly field: ConsoleField; readonly uri: string; readonly index: number | "append" };

/** A value for a mapper's form: `name`, or a mapper config key (`attribute.name`, `single`, …). */
export interface MapperFormValue {
  readonly key: string;
  readonly value: string;
}

export interface FixPlan {
  readonly writes: readonly FormWrite[];
  /** A page of the console where the rest is done (mapper and scope fixes), relative to the client's route base. */
  readonly navigateTo: string | null;
  /** What to fill into the mapper form at `navigateTo` (the user saves it there). */
  readonly mapperForm: readonly MapperFormValue[];
}

export interface FixReport {
  readonly changed: number;
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

const unescapeToken = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");

function mapperId(saved: Record<string, unknown>, index: string | undefined): string | null {
  const mappers = saved.protocolMappers;
  if (!Array.isArray(mappers) || index === undefined) return null;
  const mapper: unknown = mappers[Number(index)];
  if (typeof mapper !== "object" || mapper === null) return null;
  const id = (mapper as { id?: unknown }).id;
  return typeof id === "string" ? id : null;
}

/** A new mapper as the checker proposes it (`add /protocolMappers/-`): its type and what to type into its form. */
function newMapperForm(value: unknown): { type: string; values: MapperFormValue[] } | null {
  if (typeof value !== "object" || value === null) return null;
  const { protocolMapper, name, config } = value as { protocolMapper?: unknown; name?: unknown; config?: unknown };
  if (typeof protocolMapper !== "string") return null;
  const values: MapperFormValue[] = typeof name === "string" ? [{ key: "name", value: name }] : [];
  if (typeof config === "object" && config !== null) {
    for (const [key, entry] of Object.entries(config)) if (typeof entry === "string") values.push({ key, value: entry });
  }
  return { type: protocolMapper, values };
}

export function planFix(outcome: Outcome, saved: Record<string, unknown>): FixPlan {
  const writes: FormWrite[] = [];
  let navigateTo: string | null = null;
  const mapperForm: MapperFormValue[] = [];
  for (const operation of outcome.patch) {
    const [head, second, third, fourth] = operation.path.split("/").slice(1).map(unescapeToken);
    if (head === "protocolMappers") {
      const created = second === "-" && operation.op === "add" ? newMapperForm(operation.value) : null;
      if (created !== null) {
        // The page Add mapper › By configuration › <type> opens: the form of a new mapper of that type.
        navigateTo = `clientScopes/dedicated/mappers/${encodeURIComponent(created.type)}/new`;
        mapperForm.push(...created.values);
        continue;
      }
      const id = third === "config" ? mapperId(saved, second) : null;
      navigateTo = id === null ? "clientScopes/dedicated" : `clientScopes/dedicated/mappers/${encodeURIComponent(id)}/edit`;
      if (id !== null && fourth !== undefined && operation.op !== "remove" && typeof operation.value === "string") {
        mapperForm.push({ key: fourth, value: operation.value });
      }
      continue;
    }
    if (head === "defaultClientScopes") {
      // The tab, not its Setup sub-route: every release opens Setup by default; 24–25 have no sub-route, and the
      // 26.6 console draws an empty tab for it.
      navigateTo = "clientScopes";
      continue;
    }
    if (head === "redirectUris") {
      const field = fieldByKey("redirectUris");
      if (field === undefined || operation.op === "remove") continue;
      const values = Array.isArray(operation.value) ? operation.value : [operation.value];
      const index = second === undefined || second === "-" ? "append" : Number(second);
      for (const value of values) if (typeof value === "string") writes.push({ field, uri: value, index });
      continue;
    }
    const key = head === "attributes" && second !== undefined ? formKey(second) : head;
    const field = key === undefined ? undefined : fieldByKey(key);
    if (field !== undefined && operation.op !== "remove") writes.push({ field, value: valueOf(operation) });
  }
  return { writes, navigateTo, mapperForm };
}

function valueOf(operation: PatchOperation): unknown {
  return operation.op === "remove" ? undefined : operation.value;
}

export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => T | null, timeoutMs = 1500): Promise<T | null> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== null) return found;
    if (performance.now() > deadline) return null;
    await wait(40);
  }
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

/** Applies one write; returns a problem in the user's words, or null. */
async function applyWrite(doc: Document, write: FormWrite, notes: string[]): Promise<string | null> {
  const { field } = write;
  if ("uri" in write) return writeUri(doc, write.uri, write.index);
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
    if (element.checked !== isOn(write.value)) {
      element.click();
      if (field.kind === "dialog-switch") {
        notes.push("The console now asks you to confirm this switch; it saves the client as soon as you confirm.");
      }
    }
    return null;
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
  const notes: string[] = [];
  let changed = 0;
  for (const write of writes) {
    const problem = await applyWrite(doc, write, notes);
    if (problem === null) changed += 1;
    else problems.push(problem);
    // Switches reveal or hide fields (Sign documents → Signature algorithm): let React render before the next write.
    await wait(30);
  }
  return { changed, problems, notes };
}

/** Goes to a console page of the same client, the way its own links do (hash or path routes, 26's or 24's forms). */
export function navigateWithinClient(route: ClientRoute, suffix: string): void {
  const target = route.base + consoleRoute(document, suffix);
  if (target.startsWith("#")) {
    location.hash = target;
    return;
  }
  history.pushState(history.state, "", target);
  window.dispatchEvent(new PopStateEvent("popstate", { state: history.state }));
}
