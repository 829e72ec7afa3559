/**
 * Step 2 by import: the wizard's complete client goes into the console's Import client page the way a user does it,
 * as a chosen file in the page's upload field. The console's text area there is read-only (it previews the file), so
 * the file input is the only control a user can fill; the console then reads the file and fills its form itself.
 */
import { IMPORT_FILE_INPUT } from "../../create-client-selectors.js";
import type { StepContext } from "../model.js";

export const IMPORT_FILE_NAME = "sentry-saml-client.json";

const WAIT_MS = 5_000;

/**
 * `false` when the page shows no upload field within a few seconds (the user may press the wizard's button while the
 * console is still rendering Import client).
 */
export async function chooseImportFile(doc: Document, json: string): Promise<boolean> {
  const input = await uploadField(doc);
  if (input === null) return false;
  const transfer = new DataTransfer();
  transfer.items.add(new File([json], IMPORT_FILE_NAME, { type: "application/json" }));
  input.files = transfer.files;
  // A file picker reports its choice with these two events; the console's dropzone listens to `change`.
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
  return true;
}

async function uploadField(doc: Document): Promise<HTMLInputElement | null> {
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    const input = doc.querySelector<HTMLInputElement>(IMPORT_FILE_INPUT);
    if (input !== null || performance.now() > deadline) return input;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the wizard says after "Fill in the import form". */
export function importFilledStatus(clientId: string | null, chosen: boolean): string {
  if (clientId === null) return "The client could not be built; go back and check the input.";
  if (!chosen) return "The console's Import client page shows no upload field; open Import client and try again.";
  // The import form's "Encrypt assertions" and "Client signature required" switches take the attribute as a boolean,
  // so the file's text "false" shows as On, yet Save sends "false": say so before the user "fixes" them.
  return (
    `Filled in: the console shows client ${clientId}. Review it, then press the console's Save at the bottom of the form. ` +
    'Leave "Encrypt assertions" and "Client signature required" as they are: the file turns both off, and that is what Save sends.'
  );
}

export function importStepBody({ dom, model, actions }: StepContext): HTMLElement[] {
  const { el, button } = dom;
  const parts: HTMLElement[] = [el("p", {}, `The wizard builds the complete client for ${model.clientId} and puts it into the console's Import client page. Nothing is saved until you press the console's Save.`)];
  parts.push(...model.warnings.map((warning) => el("p", { className: "field-warning" }, warning)));
  const row = el("div", { className: "actions" });
  if (model.onImportPage) {
    const fill = button("Fill in the import form", "fill-import", "primary", () => actions.fillImportForm());
    fill.disabled = model.busy;
    row.append(fill);
  } else {
    row.append(button("Open Import client", "open-import", "primary", () => actions.openImportPage()));
  }
  row.append(button("Back", "back", "secondary", () => actions.goTo("where")));
  parts.push(row);
  parts.push(el("p", {}, "Or create it field by field in the console's Create client, with SAML Lens filling in each step:"));
  parts.push(el("div", { className: "actions" }, button("Create it by hand instead", "by-hand", "secondary", () => actions.chooseByHand())));
  return parts;
}
