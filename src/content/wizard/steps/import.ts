/**
 * Step 2 by import: the wizard's complete client goes into the console's Import client page the way a user does it,
 * as a chosen file in the page's upload field. The console's text area there is read-only (it previews the file), so
 * the file input is the only control a user can fill; the console then reads the file and fills its form itself.
 */
import { IMPORT_FILE_INPUT, IMPORTED_CLIENT_ID, importedSwitch } from "../../create-client-selectors.js";
import { settingKey } from "../../../core/keycloak/attributes.js";
import { waitFor } from "../../wait.js";
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

/**
 * The import page's "Encrypt assertions" and "Client signature required" switches take the file's attribute as a
 * boolean, so its text "false" shows as On (though Save would send "false"). Clicked once, each shows Off and Save
 * still sends "false": the page then shows what the file sets. `false` when the console did not show the file's
 * client, or the switches, or a switch would not take the file's value.
 */
const FILE_SWITCHES = ["encryptAssertions", "clientSignatureRequired"] as const;

export async function showFileSwitches(doc: Document, clientId: string, clientJson: string): Promise<boolean> {
  const wanted = switchValues(clientJson);
  const switchOf = (name: (typeof FILE_SWITCHES)[number]) => doc.querySelector<HTMLInputElement>(importedSwitch(name));
  // The console reads the file, then fills its form: the switches are the file's once the client ID is.
  const filled = () => (doc.querySelector<HTMLInputElement>(IMPORTED_CLIENT_ID)?.value === clientId && switchOf(FILE_SWITCHES[0]) !== null ? true : null);
  if ((await waitFor(filled, 5000)) === null) return false;
  for (const name of FILE_SWITCHES) {
    const input = switchOf(name);
    if (input === null) return false;
    if (input.checked === wanted[name]) continue;
    input.click();
    if ((await waitFor(() => (switchOf(name)?.checked === wanted[name] ? true : null), 1500)) === null) return false;
  }
  return true;
}

function switchValues(clientJson: string): Record<(typeof FILE_SWITCHES)[number], boolean> {
  let attributes: unknown = null;
  try {
    attributes = (JSON.parse(clientJson) as { attributes?: unknown }).attributes;
  } catch {
    // The wizard built the file; an unreadable one means off, as Keycloak reads a missing attribute.
  }
  const record = typeof attributes === "object" && attributes !== null ? (attributes as Record<string, unknown>) : {};
  return { encryptAssertions: record[settingKey("encryptAssertions")] === "true", clientSignatureRequired: record[settingKey("clientSignatureRequired")] === "true" };
}

/** What the wizard says after "Fill in the import form". */
export function importFilledStatus(clientId: string | null, chosen: boolean, switchesShown: boolean): string {
  if (clientId === null) return "The client could not be built; go back and check the input.";
  if (!chosen) return "The console's Import client page shows no upload field; open Import client and try again.";
  const review = `Filled in: the console shows client ${clientId}. Review it, then press the console's Save at the bottom of the form.`;
  if (switchesShown) return review;
  // The console did not let the switches show the file's values: say what Save sends before the user "fixes" them.
  return `${review} Leave "Encrypt assertions" and "Client signature required" as they are: the file turns both off, and that is what Save sends.`;
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
