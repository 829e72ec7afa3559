/**
 * Puts the wizard's client JSON into the console's Import client page the way a user does: as a chosen file in the
 * page's upload field. The console's text area there is read-only (it previews the file), so the file input is the
 * only control a user can fill; the console then reads the file and fills its form itself.
 */
import { IMPORT_FILE_INPUT } from "../selectors.js";

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
