/**
 * Mapper fixes are made on a mapper's own form: the existing mapper's (`…/dedicated/mappers/{id}/edit`) or the one
 * Add mapper › By configuration › <type> opens (`…/mappers/{type}/new`). A Fix goes there and leaves what to fill; the
 * overlay of that page types it into the form as a user would, and the user presses the form's Save.
 */
import { chooseOption, setNativeValue, type FixReport } from "../form-writer.js";
import { wait, waitFor } from "../wait.js";
import { type FixTarget, type MapperFormValue } from "../fix-plan.js";
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import { hasFocus, selectText } from "../selectors.js";
import { mapperFormField } from "../scope-selectors.js";

interface Prefill {
  readonly clientUuid: string;
  /** The mapper form: a new mapper's or an existing one's. */
  readonly target: FixTarget;
  readonly values: readonly MapperFormValue[];
}

/** One at a time: the last Fix the user clicked. It lives as long as the page (the console navigates in place). */
let pending: Prefill | null = null;

export function leaveForMapperForm(clientUuid: string, target: FixTarget, values: readonly MapperFormValue[]): void {
  pending = { clientUuid, target, values };
}

/** The values left for this mapper form, once: a later visit to the same form is the user's own. */
export function takeForMapperForm(route: ClientRoute): readonly MapperFormValue[] | null {
  const page = route.dedicatedPage;
  if (pending === null || page?.kind !== "mapper" || pending.clientUuid !== route.clientUuid) return null;
  const { target } = pending;
  const same = page.mode === "new" ? target.kind === "new-mapper" && target.mapperType === page.mapper : target.kind === "mapper" && target.mapperId === page.mapper;
  if (!same) return null;
  const { values } = pending;
  pending = null;
  return values;
}

/** The form renders after the console has fetched the mapper (edit) or the mapper type (new); then it sets its values. */
const FORM_TIMEOUT_MS = 8000;
const SETTLE_MS = 300;

async function writeField(doc: Document, key: string, value: string): Promise<string | null> {
  const element = mapperFormField(doc, key);
  if (element === null) return `${key} is not on this form.`;
  // An empty field with focus is the form's own autofocus (the Property key's text input on real servers), not the
  // user's typing: the form just opened on the user's Fix.
  if (hasFocus(element) && !(element instanceof HTMLInputElement && element.value === "")) return `${key} is being edited; it was left as it is.`;
  if (element instanceof HTMLInputElement && element.type === "checkbox") {
    if (element.checked !== (value === "true")) element.click();
    return null;
  }
  if (element instanceof HTMLInputElement) {
    if (element.readOnly || element.disabled) return element.value === value ? null : `${key} cannot be changed here.`;
    if (element.value !== value) setNativeValue(element, value);
    return null;
  }
  if (element instanceof HTMLButtonElement) return selectText(element) === value ? null : chooseOption(doc, element, value, key);
  return `${key} is not a field SAML Lens can fill.`;
}

export async function fillMapperForm(doc: Document, values: readonly MapperFormValue[], signal: AbortSignal): Promise<FixReport> {
  const first = values[0];
  const ready = first === undefined ? null : await waitFor(() => mapperFormField(doc, first.key), FORM_TIMEOUT_MS);
  if (ready === null) return { changed: 0, problems: ["The mapper form did not appear; nothing was filled in."], confirming: 0 };
  // The edit form receives the mapper's saved values just after it renders: write after that, not before.
  await wait(SETTLE_MS);
  const problems: string[] = [];
  let changed = 0;
  for (const { key, value } of values) {
    if (signal.aborted) break;
    const problem = await writeField(doc, key, value);
    if (problem === null) changed += 1;
    else problems.push(problem);
    await wait(30);
  }
  return { changed, problems, confirming: 0 };
}

/** A mapper form SAML Lens was asked to fill in (by a Fix or the wizard): fills it, saying what it does. */
export function fillLeftMapperForm(doc: Document, route: ClientRoute, signal: AbortSignal, say: (notice: string, done: boolean) => void): void {
  const values = takeForMapperForm(route);
  if (values === null) return;
  say("Filling in the mapper form…", false);
  void fillMapperForm(doc, values, signal).then((report) => {
    say([report.changed > 0 ? "SAML Lens filled in this mapper form: review it, then press Save." : "", ...report.problems].join(" ").trim(), true);
  });
}
