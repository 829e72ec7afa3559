/**
 * The "Set up Sentry SSO" card docked at the right edge of the console: one step at a time, in a shadow root (the
 * console's styles and ours never meet), every control a real button or input with a label, the step's heading
 * focused when the step changes so a screen reader announces where the user is. Each step's body is drawn by its
 * own file in steps/.
 */
import { domOf, OVERLAY_ATTRIBUTE, type Dom } from "../dom.js";
import { SUMMARY_CSS } from "../styles.js";
import type { StepContext, WizardActions, WizardModel } from "./model.js";
import type { WizardProgress } from "./progress.js";
import { checksStepBody } from "./steps/checks.js";
import { createStepBody } from "./steps/create.js";
import { importStepBody } from "./steps/import.js";
import { loginStepBody } from "./steps/login.js";
import { mappersStepBody } from "./steps/mappers.js";
import { sentryStepBody } from "./steps/sentry.js";
import { whereStepBody } from "./steps/where.js";

/** Import and by hand are the two paths of step 2. */
const STEPS: ReadonlyArray<{ steps: ReadonlyArray<WizardProgress["step"]>; short: string; title: (step: WizardProgress["step"]) => string }> = [
  { steps: ["where"], short: "Where", title: () => "Where is Sentry?" },
  { steps: ["import", "create"], short: "Create", title: (step) => (step === "create" ? "Create the client by hand" : "Create the client by import") },
  { steps: ["checks"], short: "Check", title: () => "Check the new client" },
  { steps: ["mappers"], short: "Mappers", title: () => "Mappers: what Sentry reads" },
  { steps: ["sentry"], short: "Sentry", title: () => "Enter the values in Sentry" },
  { steps: ["login"], short: "Test", title: () => "Test the login" },
];

const BODIES: Record<WizardProgress["step"], (context: StepContext) => HTMLElement[]> = {
  where: whereStepBody,
  import: importStepBody,
  create: createStepBody,
  checks: checksStepBody,
  mappers: mappersStepBody,
  sentry: sentryStepBody,
  login: loginStepBody,
};

const CARD_CSS = `${SUMMARY_CSS}
  :host { position: fixed; top: 72px; right: 12px; z-index: 10000; width: 380px; max-height: calc(100vh - 96px); margin: 0;
    display: flex; box-shadow: 0 4px 16px rgba(0,0,0,.25); border-radius: 4px; }
  .card { --tone: var(--accent); overflow: auto; width: 100%; }
  h2 { font-size: 16px; margin: 6px 0; } h2:focus { outline: none; }
  ol.steps { display: flex; gap: 4px; list-style: none; padding: 0; margin: 4px 0 8px; font-size: 12px; color: var(--muted); }
  ol.steps li { display: block; border: 0; padding: 0 6px 0 0; } ol.steps li[aria-current="step"] { color: var(--fg); font-weight: 700; }
  .field-error { color: var(--error); font-size: 12px; margin: 0; }
  .field-warning { color: var(--warning); font-size: 12px; margin: 0; }
  dd { display: flex; gap: 6px; align-items: start; word-break: normal; } dd code { flex: 1; min-width: 0; overflow-wrap: anywhere; }
  dd button { font-size: 12px; padding: 0 6px; }
  p { margin: 6px 0; }
  .descriptor textarea { width: 100%; box-sizing: border-box; }
  label[hidden] { display: none; } .radios { flex-wrap: wrap; row-gap: 2px; }
  textarea { font: 12px/1.4 monospace; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 3px; padding: 4px; resize: vertical; }
  textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  .mapper-check li, .login-result li { display: block; } .mapper-check li .actions { margin-top: 4px; }
`;

const OPEN = `body:has(>[${OVERLAY_ATTRIBUTE}=wizard]:not([data-collapsed]))`;
const DOCKED_CSS = `@media (min-width:1000px){${OPEN}{margin-right:404px!important}${OPEN} [class*=c-alert-group][class*=m-toast]{right:416px!important}}`;

export class WizardCard {
  readonly host: HTMLElement;
  private readonly card: HTMLElement;
  private readonly dom: Dom;
  private shownStep: string | null = null;
  private collapsed = false;
  private last: WizardModel | null = null;

  constructor(
    doc: Document,
    private readonly actions: WizardActions,
  ) {
    this.dom = domOf(doc);
    this.host = doc.createElement("aside");
    this.host.setAttribute(OVERLAY_ATTRIBUTE, "wizard");
    this.host.setAttribute("aria-label", "SAML Lens: Set up Sentry SSO");
    const shadow = this.host.attachShadow({ mode: "open" });
    const style = doc.createElement("style");
    style.textContent = CARD_CSS;
    this.card = doc.createElement("div");
    this.card.className = "card";
    shadow.append(style, this.card);
    // Docked means the console makes room: while the card is open on a wide window, the console's page and its toasts
    // move left of it (so the card covers neither a toast's close button nor the form). The rule lives in the host's
    // light DOM, so it leaves with the card.
    const room = doc.createElement("style");
    room.textContent = DOCKED_CSS;
    this.host.append(room);
  }

  render(model: WizardModel): void {
    const { el, button } = this.dom;
    this.last = model;
    this.host.dataset.step = model.progress.step;
    const index = STEPS.findIndex((entry) => entry.steps.includes(model.progress.step));
    // The card covers the right edge of the console: the user can fold it to its title while working in the form.
    const toggle = button(this.collapsed ? "Show" : "Hide", "toggle", "toggle", () => {
      this.collapsed = !this.collapsed;
      if (this.last !== null) this.render(this.last);
    });
    toggle.setAttribute("aria-expanded", String(!this.collapsed));
    this.host.toggleAttribute("data-collapsed", this.collapsed);
    if (this.collapsed) {
      const title = el("span", { className: "title" }, `Set up Sentry SSO · step ${index + 1} of ${STEPS.length}`);
      this.card.replaceChildren(el("div", { className: "head" }, title, toggle));
      return;
    }
    const steps = el("ol", { className: "steps", "aria-label": "Steps" });
    STEPS.forEach((entry, position) => {
      const item = el("li", {}, `${position + 1}. ${entry.short}`);
      if (position === index) item.setAttribute("aria-current", "step");
      steps.append(item);
    });
    const heading = el("h2", { tabIndex: "-1" }, `Step ${index + 1} of ${STEPS.length}: ${STEPS[index]?.title(model.progress.step) ?? ""}`);
    const head = el("div", { className: "head" }, el("span", { className: "title" }, "SAML Lens · Set up Sentry SSO"), toggle);
    const body = BODIES[model.progress.step]({ dom: this.dom, model, actions: this.actions, copy: (value, label) => this.copy(value, label) });
    const status = el("p", { className: "note", role: "status" }, model.status);
    status.dataset.role = "status";
    const cancel = button("Cancel", "cancel", "secondary", () => this.actions.cancel());
    this.card.replaceChildren(head, steps, heading, ...body, status, el("div", { className: "actions" }, cancel));
    this.host.setAttribute("aria-busy", String(model.busy));
    if (this.shownStep !== model.progress.step) {
      this.shownStep = model.progress.step;
      heading.focus({ preventScroll: true });
    }
  }

  private copy(value: string, label: string): void {
    const status = this.card.querySelector('[data-role="status"]');
    const say = (text: string) => {
      if (status !== null) status.textContent = text;
    };
    navigator.clipboard.writeText(value).then(
      () => say(`${label} copied.`),
      () => say(`Could not copy; select the ${label} and copy it yourself.`),
    );
  }
}
