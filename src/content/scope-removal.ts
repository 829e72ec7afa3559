/**
 * Client scopes › Setup: a scope's row and its ⋮ › Remove, put in front of the user (the wizard's step 4 and the
 * overlay's role_list badge). SAML Lens opens the menu; the user clicks Remove and confirms the console's dialog.
 */
import { rowActionsToggle, scopeRow } from "./scope-selectors.js";
import { wait, waitFor } from "./wait.js";

/** Client scopes › Setup: whether the scope's row is drawn, and whether its ⋮ menu is open. */
function scopeRemovalState(doc: Document, scope: string): "no-row" | "closed" | "open" {
  const row = scopeRow(doc, scope);
  const toggle = row === null ? null : rowActionsToggle(row);
  if (row === null || toggle === null) return "no-row";
  return toggle.getAttribute("aria-expanded") === "true" ? "open" : "closed";
}

/** Outlines the scope's row and clicks its ⋮ toggle, so Remove is in front of the user. */
function askScopeRemoval(doc: Document, scope: string): void {
  const row = scopeRow(doc, scope);
  const toggle = row === null ? null : rowActionsToggle(row);
  if (row === null || toggle === null) return;
  row.style.outline = "2px solid #8476d1";
  row.scrollIntoView({ block: "center" });
  toggle.click();
}

/**
 * Shows the scope's Remove: the row renders once the console has fetched the client's scopes (after opening Client
 * scopes). Says what it did.
 */
export async function showScopeRemoval(doc: Document, scope: string): Promise<string> {
  // After the click that asked for it has finished (the menu closes on any click outside it once open), and again
  // while it is not open: the console may draw the row before its menu answers, or redraw it when its list reloads.
  await wait(50);
  let asked = Number.NEGATIVE_INFINITY;
  const shown = await waitFor(() => {
    const state = scopeRemovalState(doc, scope);
    if (state === "open") return true;
    if (state === "closed" && performance.now() - asked > 1500) {
      askScopeRemoval(doc, scope);
      asked = performance.now();
    }
    return null;
  }, 20_000);
  return shown === null
    ? `${scope} is not in the client's list of scopes here.`
    : `${scope}'s menu is open: click Remove, then confirm in the console's dialog (Sentry reads no roles). ` +
        `Or leave it and turn Single Role Attribute On in Client scopes › ${scope} › Mappers (that changes it for every client of the realm).`;
}
