/**
 * Step 4, the mappers: what the overlay still finds on the client's Client scopes, each turned into the one thing the
 * user does about it in the console. A missing mapper opens the form Add mapper › By configuration › User Property
 * opens, filled in by the overlay exactly as after its own "Add the mapper" Fix; role_list is removed from the
 * client's scopes with the row's own ⋮ › Remove, which SAML Lens opens and the user clicks.
 */
import { ROLE_LIST_SCOPE } from "../../core/keycloak/attributes.js";
import { findingScopeRow, findingTab, type Outcome } from "../findings.js";
import { planFix, type MapperFormValue } from "../fix.js";
import { rowActionsToggle, scopeRow } from "../selectors.js";

export type MapperAction =
  | { readonly kind: "add-mapper"; readonly page: string; readonly values: readonly MapperFormValue[]; readonly mapperName: string }
  | { readonly kind: "open-mapper"; readonly page: string; readonly values: readonly MapperFormValue[] }
  | { readonly kind: "remove-scope"; readonly scope: string }
  | { readonly kind: "open"; readonly page: string };

export interface MapperTask {
  readonly findingId: string;
  readonly severity: string;
  readonly message: string;
  readonly fix: string;
  readonly action: MapperAction | null;
}

/**
 * The overlay's errors and warnings about the client's mappers and scopes. The wizard has no saved client of its own:
 * a fix that edits an existing mapper (whose id only the saved client knows) opens the client's Mappers list, where
 * the overlay's badge on that mapper's row offers the same fix.
 */
export function mapperTasks(outcomes: readonly Outcome[]): MapperTask[] {
  return outcomes
    .filter(({ finding }) => (finding.severity === "error" || finding.severity === "warning") && findingTab(finding) === "clientScopes")
    .map((outcome) => ({
      findingId: outcome.finding.id,
      severity: outcome.finding.severity,
      message: outcome.finding.message,
      fix: outcome.finding.fix,
      action: actionFor(outcome),
    }));
}

function actionFor(outcome: Outcome): MapperAction | null {
  if (findingScopeRow(outcome.finding) === ROLE_LIST_SCOPE) return { kind: "remove-scope", scope: ROLE_LIST_SCOPE };
  const plan = planFix(outcome, {});
  const page = plan.navigateTo;
  if (page === null) return null;
  if (page.endsWith("/new")) {
    const mapperName = plan.mapperForm.find((value) => value.key === "name")?.value ?? "";
    return { kind: "add-mapper", page, values: plan.mapperForm, mapperName };
  }
  if (page.includes("/mappers/")) return { kind: "open-mapper", page, values: plan.mapperForm };
  return { kind: "open", page };
}

/** Client scopes › Setup: whether the scope's row is drawn, and whether its ⋮ menu is open. */
export function scopeRemovalState(doc: Document, scope: string): "no-row" | "closed" | "open" {
  const row = scopeRow(doc, scope);
  const toggle = row === null ? null : rowActionsToggle(row);
  if (row === null || toggle === null) return "no-row";
  return toggle.getAttribute("aria-expanded") === "true" ? "open" : "closed";
}

/** Outlines the scope's row and clicks its ⋮ toggle, so Remove is in front of the user. */
export function askScopeRemoval(doc: Document, scope: string): void {
  const row = scopeRow(doc, scope);
  const toggle = row === null ? null : rowActionsToggle(row);
  if (row === null || toggle === null) return;
  row.style.outline = "2px solid #8476d1";
  row.scrollIntoView({ block: "center" });
  toggle.click();
}
