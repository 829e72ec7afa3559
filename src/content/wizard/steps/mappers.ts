/**
 * Step 4, the mappers: what the overlay still finds on the client's Client scopes, each turned into the one thing the
 * user does about it in the console. A missing mapper opens the form Add mapper › By configuration › User Property
 * opens, filled in by the overlay exactly as after its own "Add the mapper" Fix; role_list is removed from the
 * client's scopes with the row's own ⋮ › Remove, which SAML Lens opens and the user clicks.
 */
import { ROLE_LIST_SCOPE } from "../../../core/keycloak/attributes.js";
import { findingScopeRow, findingTab, type Outcome } from "../../findings.js";
import { planFix } from "../../fix-plan.js";
import { sameRoute, type ConsolePage } from "../../../core/keycloak/console-routes.js";
import type { OverlayState } from "../../overlay/state.js";
import type { MapperAction, MapperTask, MappersView, StepContext } from "../model.js";
import type { WizardProgress } from "../progress.js";

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
  const target = plan.target;
  if (target === null) return null;
  if (target.kind === "new-mapper") {
    const mapperName = plan.mapperForm.find((value) => value.key === "name")?.value ?? "";
    return { kind: "add-mapper", target, values: plan.mapperForm, mapperName };
  }
  if (target.kind === "mapper") return { kind: "open-mapper", target, values: plan.mapperForm };
  return { kind: "open", target };
}

export function mappersView(progress: WizardProgress | null, page: ConsolePage, state: OverlayState | null): MappersView | null {
  if (progress?.step !== "mappers" || progress.clientUuid === undefined) return null;
  const client = page.kind === "client" && page.client.clientUuid === progress.clientUuid ? page.client : null;
  const onScopes = client?.tab === "clientScopes";
  const onMapperForm = client?.dedicatedPage?.kind === "mapper";
  const current = onScopes && state !== null && sameRoute(state.route, client) ? state : null;
  const tasks = current === null ? [] : mapperTasks(current.outcomes);
  const checked = current?.checked === true;
  const security = current?.securityOutcomes ?? [];
  return {
    onScopes,
    onSetup: onScopes && client?.dedicatedScope === false,
    onMapperForm,
    checked,
    tasks,
    unsaved: current?.unsaved === true,
    done: checked && !onMapperForm && current?.unsaved !== true && tasks.length === 0,
    security: {
      accepted: security.flatMap(({ finding }) => (finding.accepted === undefined ? [] : [finding.accepted])),
      open: security.filter(({ finding }) => finding.accepted === undefined).length,
    },
  };
}

function taskLabel(task: MapperTask): string | null {
  switch (task.action?.kind) {
    case "add-mapper":
      return `Add the mapper ${task.action.mapperName}`;
    case "open-mapper":
      return "Open the mapper";
    case "remove-scope":
      return `Show ${task.action.scope}'s Remove`;
    case "open":
      return "Go there";
    default:
      return null;
  }
}

export function mappersStepBody({ dom, model, actions }: StepContext): HTMLElement[] {
  const { el, button } = dom;
  const view = model.mappers;
  const parts: HTMLElement[] = [
    el("p", {}, `Sentry reads the user's e-mail and a stable identifier from the SAML attributes, and fails when an attribute name repeats (${ROLE_LIST_SCOPE} sends one Role per role).`),
  ];
  const walk = el("div", { className: "mapper-check" });
  parts.push(walk);
  if (view === null || !view.onScopes) {
    walk.append(el("p", {}, "Next: the client's Client scopes tab."));
    walk.append(el("div", { className: "actions" }, button("Open Client scopes", "open-scopes", "primary", () => actions.openScopes())));
  } else if (!view.checked) {
    walk.append(el("p", {}, "Checking the client's scopes and mappers…"));
  } else if (view.onMapperForm) {
    walk.append(el("p", { className: "state warning" }, "SAML Lens filled in this mapper form: review it, then press the form's Save."));
    // Keycloak 24–25 stay on the form after its Save: the way on, to the next task.
    walk.append(el("div", { className: "actions" }, button("Back to Client scopes", "open-scopes", "secondary", () => actions.openScopes())));
  } else if (view.tasks.length > 0) {
    walk.dataset.tasks = String(view.tasks.length);
    walk.append(el("p", {}, `${view.tasks.length} to do:`));
    const list = el("ul");
    for (const task of view.tasks) {
      const label = taskLabel(task);
      // With a button, the button says what to do; without one, the finding's own fix does.
      const item = el("li", { className: task.severity }, label === null ? `${task.message} ${task.fix}` : task.message);
      item.dataset.finding = task.findingId;
      if (label !== null) {
        const run = button(label, "mapper-task", "primary", () => actions.runMapperTask(task));
        run.disabled = model.busy;
        run.dataset.finding = task.findingId;
        item.append(el("div", { className: "actions" }, run));
      }
      list.append(item);
    }
    walk.append(list);
    if (!view.onSetup) walk.append(el("div", { className: "actions" }, button("Back to Client scopes", "open-scopes", "secondary", () => actions.openScopes())));
  } else if (view.done) {
    walk.append(el("p", { className: "state ok" }, `The mappers are right, and ${ROLE_LIST_SCOPE} repeats nothing.`));
    walk.append(securityLine(dom, view.security));
  }
  parts.push(el("div", { className: "actions" }, button("Next: Sentry side", "next", view?.done === true ? "primary" : "secondary", () => actions.goTo("sentry"))));
  return parts;
}

/** The last client step's one line on security: why the findings left stay (Sentry forbids the textbook setting). */
function securityLine({ el }: StepContext["dom"], security: MappersView["security"]): HTMLElement {
  const { accepted, open } = security;
  const text =
    open > 0
      ? `Security: ${open} finding${open === 1 ? "" : "s"} to fix, in SAML Lens's Security group above the client's tabs.`
      : accepted.length === 0
        ? "Security: nothing left to flag."
        : `Security: what is left stays because Sentry needs it — ${accepted.join(" ")}`;
  return el("p", { className: open > 0 ? "state warning" : "note", "data-security": String(open) }, text);
}
