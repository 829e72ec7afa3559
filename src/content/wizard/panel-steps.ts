/** The bodies of steps 2 by hand, 4 (mappers) and 6 (test login) of the wizard's panel. */
import { ROLE_LIST_SCOPE } from "../../core/keycloak/attributes.js";
import type { MapperTask } from "./mapper-step.js";
import type { PanelActions, PanelModel } from "./panel.js";

export interface PanelUi {
  el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Record<string, string>, ...children: Array<Node | string>): HTMLElementTagNameMap[K];
  button(text: string, action: string, className: string, onClick: () => void): HTMLButtonElement;
}

export function createStepBody(ui: PanelUi, model: PanelModel, actions: PanelActions): HTMLElement[] {
  const parts: HTMLElement[] = [
    ui.el("p", {}, `The console's Create client asks in two steps. SAML Lens fills in each one for ${model.clientId} and outlines what it filled in; you press the console's Next, then Save.`),
  ];
  const row = ui.el("div", { className: "actions" });
  if (!model.onCreatePage) {
    row.append(ui.button("Open Create client", "open-create", "primary", () => actions.openCreatePage()));
  } else if (model.createStep === "general") {
    parts.push(ui.el("p", {}, "General settings: Client type SAML, the Client ID Sentry expects, a name."));
    const fill = ui.button("Fill in General settings", "fill-create", "primary", () => actions.fillCreateStep());
    fill.disabled = model.busy;
    row.append(fill);
  } else if (model.createStep === "login") {
    parts.push(ui.el("p", {}, "Login settings: Valid redirect URIs is Sentry's ACS and Master SAML Processing URL stays empty (with it, Keycloak would post logout answers there; step 3 sets the ACS on the Advanced tab); the IDP-Initiated SSO URL name lets you test the login from Keycloak."));
    const fill = ui.button("Fill in Login settings", "fill-create", "primary", () => actions.fillCreateStep());
    fill.disabled = model.busy;
    row.append(fill);
  } else {
    parts.push(ui.el("p", {}, "Waiting for the console's Create client form…"));
  }
  row.append(ui.button("Back", "back", "secondary", () => actions.goTo("import")));
  parts.push(row);
  return parts;
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

export function mappersStepBody(ui: PanelUi, model: PanelModel, actions: PanelActions): HTMLElement[] {
  const view = model.mappers;
  const parts: HTMLElement[] = [
    ui.el("p", {}, `Sentry reads the user's e-mail and a stable identifier from the SAML attributes, and fails when an attribute name repeats (${ROLE_LIST_SCOPE} sends one Role per role).`),
  ];
  const walk = ui.el("div", { className: "mapper-check" });
  parts.push(walk);
  if (view === null || !view.onScopes) {
    walk.append(ui.el("p", {}, "Next: the client's Client scopes tab."));
    walk.append(ui.el("div", { className: "actions" }, ui.button("Open Client scopes", "open-scopes", "primary", () => actions.openScopes())));
  } else if (!view.checked) {
    walk.append(ui.el("p", {}, "Checking the client's scopes and mappers…"));
  } else if (view.onMapperForm) {
    walk.append(ui.el("p", { className: "state warning" }, "SAML Lens filled in this mapper form: review it, then press the form's Save."));
    // Keycloak 24–25 stay on the form after its Save: the way on, to the next task.
    walk.append(ui.el("div", { className: "actions" }, ui.button("Back to Client scopes", "open-scopes", "secondary", () => actions.openScopes())));
  } else if (view.tasks.length > 0) {
    walk.dataset.tasks = String(view.tasks.length);
    walk.append(ui.el("p", {}, `${view.tasks.length} to do:`));
    const list = ui.el("ul");
    for (const task of view.tasks) {
      const label = taskLabel(task);
      // With a button, the button says what to do; without one, the finding's own fix does.
      const item = ui.el("li", { className: task.severity }, label === null ? `${task.message} ${task.fix}` : task.message);
      item.dataset.finding = task.findingId;
      if (label !== null) {
        const run = ui.button(label, "mapper-task", "primary", () => actions.runMapperTask(task));
        run.disabled = model.busy;
        run.dataset.finding = task.findingId;
        item.append(ui.el("div", { className: "actions" }, run));
      }
      list.append(item);
    }
    walk.append(list);
    if (!view.onSetup) walk.append(ui.el("div", { className: "actions" }, ui.button("Back to Client scopes", "open-scopes", "secondary", () => actions.openScopes())));
  } else if (view.done) {
    walk.append(ui.el("p", { className: "state ok" }, `The mappers are right, and ${ROLE_LIST_SCOPE} repeats nothing.`));
  }
  parts.push(ui.el("div", { className: "actions" }, ui.button("Next: Sentry side", "next", view?.done === true ? "primary" : "secondary", () => actions.goTo("sentry"))));
  return parts;
}

export function loginStepBody(ui: PanelUi, model: PanelModel, actions: PanelActions): HTMLElement[] {
  const view = model.login;
  const parts: HTMLElement[] = [
    ui.el("p", {}, "Once Sentry has the values, log in once. SAML Lens records the SAML Response on its way to Sentry and says what Sentry's validator (python3-saml) makes of it."),
  ];
  if (view === null) return parts;
  const starting = view.state.kind === "starting" || model.busy;
  const fromKeycloak = ui.button("Log in from Keycloak", "login-keycloak", "primary", () => actions.startLogin("keycloak"));
  const fromSentry = ui.button("Log in from Sentry", "login-sentry", "secondary", () => actions.startLogin("sentry"));
  fromKeycloak.disabled = starting;
  fromSentry.disabled = starting;
  parts.push(ui.el("div", { className: "actions" }, fromKeycloak, fromSentry));
  parts.push(ui.el("p", { className: "note" }, `From Keycloak opens ${view.idpInitiatedUrl}; from Sentry opens ${view.sentryLoginUrl}.`));
  const result = ui.el("div", { className: "login-result" });
  result.dataset.state = view.state.kind;
  parts.push(result);
  switch (view.state.kind) {
    case "waiting":
      result.append(ui.el("p", {}, "Recording: log in in the new tab; the verdict shows here when the SAML Response reaches Sentry."));
      break;
    case "blocked":
      result.append(ui.el("p", { className: "field-warning" }, view.state.reason));
      result.append(ui.el("div", { className: "actions" }, ui.button("Open the SAML recorder", "open-recorder", "secondary", () => actions.openRecorder())));
      break;
    case "verdict": {
      const { verdict } = view.state;
      const accepted = verdict.verdict === "accept";
      result.dataset.verdict = verdict.verdict ?? "";
      result.append(
        ui.el(
          "p",
          { className: accepted ? "state ok" : "state error" },
          accepted
            ? `Accepted: Sentry accepts this response${verdict.verdictComplete === false ? " (the signature could not be checked here)" : ""}.`
            : `Rejected: ${verdict.receiverMessage ?? "Sentry refuses this response."}`,
        ),
      );
      const shown = verdict.findings.filter((finding) => finding.severity === "error" || !accepted);
      if (shown.length > 0) {
        const list = ui.el("ul");
        for (const finding of shown) {
          const item = ui.el("li", { className: finding.severity }, `${finding.message} ${finding.fix}`);
          item.dataset.finding = finding.id;
          list.append(item);
        }
        result.append(list);
      }
      break;
    }
    default:
      break;
  }
  parts.push(
    ui.el(
      "div",
      { className: "actions" },
      ui.button("Finish", "finish", "primary", () => actions.finish()),
      ui.button("Back", "back", "secondary", () => actions.goTo("sentry")),
    ),
  );
  return parts;
}
