/**
 * The "Set up Sentry SSO" panel docked at the right edge of the console: one step at a time, in a shadow root (the
 * console's styles and ours never meet), every control a real button or input with a label, the step's heading
 * focused when the step changes so a screen reader announces where the user is.
 */
import { OVERLAY_ATTRIBUTE } from "../badge.js";
import { SUMMARY_CSS } from "../styles.js";
import type { WizardProgress } from "./progress.js";

export interface SentrySide {
  readonly metadataUrl: string;
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly attributeMapping: ReadonlyArray<{ readonly sentryField: string; readonly samlAttributeName: string }>;
  readonly notes: readonly string[];
}

export interface WhereErrors {
  readonly urlPrefix?: string;
  readonly orgSlug?: string;
  readonly other?: string;
}

export type PanelModel = {
  readonly progress: WizardProgress;
  readonly realm: string;
  readonly busy: boolean;
  /** A sentence about the last action (or its failure), announced politely. */
  readonly status: string;
  readonly errors: WhereErrors;
  readonly warnings: readonly string[];
  readonly clientId: string;
  readonly onImportPage: boolean;
  /** The new client's page is shown (step 3). */
  readonly onClientPage: boolean;
  /** Errors and warnings the overlay still reports for the new client; `null` before its first check. */
  readonly remaining: number | null;
  readonly sentrySide: SentrySide | null;
};

export interface PanelActions {
  readonly submitWhere: (input: Pick<WizardProgress, "kind" | "urlPrefix" | "orgSlug">) => void;
  readonly openImportPage: () => void;
  readonly fillImportForm: () => void;
  readonly openClient: () => void;
  readonly goTo: (step: WizardProgress["step"]) => void;
  readonly cancel: () => void;
  readonly finish: () => void;
}

const STEPS: ReadonlyArray<{ step: WizardProgress["step"]; title: string }> = [
  { step: "where", title: "Where is Sentry?" },
  { step: "import", title: "Create the client by import" },
  { step: "checks", title: "Check the new client" },
  { step: "sentry", title: "Enter the values in Sentry" },
];

const PANEL_CSS = `${SUMMARY_CSS}
  :host { position: fixed; top: 72px; right: 12px; z-index: 10000; width: 380px; max-height: calc(100vh - 96px); margin: 0;
    display: flex; box-shadow: 0 4px 16px rgba(0,0,0,.25); border-radius: 4px; }
  .card { --tone: var(--accent); overflow: auto; width: 100%; }
  h2 { font-size: 16px; margin: 6px 0; } h2:focus { outline: none; }
  ol.steps { display: flex; gap: 4px; list-style: none; padding: 0; margin: 4px 0 8px; font-size: 12px; color: var(--muted); }
  ol.steps li { display: block; border: 0; padding: 0 6px 0 0; } ol.steps li[aria-current="step"] { color: var(--fg); font-weight: 700; }
  .field-error { color: var(--error); font-size: 12px; margin: 0; }
  .field-warning { color: var(--warning); font-size: 12px; margin: 0; }
  dd { display: flex; gap: 6px; align-items: start; } dd code { flex: 1; }
  dd button { font-size: 12px; padding: 0 6px; }
  p { margin: 6px 0; }
`;

export class WizardPanel {
  readonly host: HTMLElement;
  private readonly card: HTMLElement;
  private shownStep: string | null = null;
  private collapsed = false;
  private last: PanelModel | null = null;

  constructor(
    private readonly doc: Document,
    private readonly actions: PanelActions,
  ) {
    this.host = doc.createElement("aside");
    this.host.setAttribute(OVERLAY_ATTRIBUTE, "wizard");
    this.host.setAttribute("aria-label", "SAML Lens: Set up Sentry SSO");
    const shadow = this.host.attachShadow({ mode: "open" });
    const style = doc.createElement("style");
    style.textContent = PANEL_CSS;
    this.card = doc.createElement("div");
    this.card.className = "card";
    shadow.append(style, this.card);
  }

  render(model: PanelModel): void {
    this.last = model;
    this.host.dataset.step = model.progress.step;
    const index = STEPS.findIndex((entry) => entry.step === model.progress.step);
    // The panel covers the right edge of the console: the user can fold it to its title while working in the form.
    const toggle = this.button(this.collapsed ? "Show" : "Hide", "toggle", "toggle", () => {
      this.collapsed = !this.collapsed;
      if (this.last !== null) this.render(this.last);
    });
    toggle.setAttribute("aria-expanded", String(!this.collapsed));
    if (this.collapsed) {
      const title = this.el("span", { className: "title" }, `Set up Sentry SSO · step ${index + 1} of ${STEPS.length}`);
      this.card.replaceChildren(this.el("div", { className: "head" }, title, toggle));
      return;
    }
    const steps = this.el("ol", { className: "steps", "aria-label": "Steps" });
    STEPS.forEach((entry, position) => {
      const item = this.el("li", {}, `${position + 1}. ${entry.title.split(" ")[0] ?? ""}`);
      if (position === index) item.setAttribute("aria-current", "step");
      steps.append(item);
    });
    const heading = this.el("h2", { tabIndex: "-1" }, `Step ${index + 1} of ${STEPS.length}: ${STEPS[index]?.title ?? ""}`);
    const head = this.el("div", { className: "head" }, this.el("span", { className: "title" }, "SAML Lens · Set up Sentry SSO"), toggle);
    const body = this.body(model);
    const status = this.el("p", { className: "note", role: "status" }, model.status);
    status.dataset.role = "status";
    const cancel = this.button("Cancel", "cancel", "secondary", () => this.actions.cancel());
    this.card.replaceChildren(head, steps, heading, ...body, status, this.el("div", { className: "actions" }, cancel));
    this.host.setAttribute("aria-busy", String(model.busy));
    if (this.shownStep !== model.progress.step) {
      this.shownStep = model.progress.step;
      heading.focus({ preventScroll: true });
    }
  }

  private body(model: PanelModel): HTMLElement[] {
    switch (model.progress.step) {
      case "where":
        return this.whereStep(model);
      case "import":
        return this.importStep(model);
      case "checks":
        return this.checksStep(model);
      case "sentry":
        return this.sentryStep(model);
    }
  }

  private whereStep(model: PanelModel): HTMLElement[] {
    const { progress, errors } = model;
    const form = this.el("form", { "aria-label": "Where is Sentry?" });
    const radios = this.el("fieldset", { className: "radios" });
    radios.append(this.el("legend", {}, "Sentry runs"));
    const kindInputs = (["sentry-self-hosted", "sentry-saas"] as const).map((kind) => {
      const input = this.el("input", { type: "radio", name: "kind", value: kind });
      input.checked = progress.kind === kind;
      radios.append(this.el("label", {}, input, kind === "sentry-saas" ? "on sentry.io" : "self-hosted"));
      return input;
    });
    const url = this.textInput("urlPrefix", "Sentry URL (self-hosted)", progress.urlPrefix, "https://sentry.example.com", errors.urlPrefix);
    const slug = this.textInput("orgSlug", "Organization slug", progress.orgSlug, "my-org", errors.orgSlug);
    const syncUrl = () => {
      const saas = kindInputs[1]?.checked === true;
      url.input.disabled = saas;
      url.label.hidden = saas;
    };
    for (const input of kindInputs) input.addEventListener("change", syncUrl);
    syncUrl();
    const submit = this.button("Next", "next", "primary", () => undefined);
    submit.type = "submit";
    submit.disabled = model.busy;
    form.append(radios, url.label, slug.label);
    if (errors.other !== undefined) form.append(this.el("p", { className: "field-error", role: "alert" }, errors.other));
    form.append(this.el("div", { className: "actions" }, submit));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.actions.submitWhere({ kind: kindInputs[1]?.checked === true ? "sentry-saas" : "sentry-self-hosted", urlPrefix: url.input.value, orgSlug: slug.input.value });
    });
    const realm = this.el("p", {}, `Keycloak realm: ${model.realm} (from the console).`);
    return [realm, form];
  }

  private importStep(model: PanelModel): HTMLElement[] {
    const parts: HTMLElement[] = [this.el("p", {}, `The wizard builds the complete client for ${model.clientId} and puts it into the console's Import client page. Nothing is saved until you press the console's Save.`)];
    parts.push(...model.warnings.map((warning) => this.el("p", { className: "field-warning" }, warning)));
    const actions = this.el("div", { className: "actions" });
    if (model.onImportPage) {
      const fill = this.button("Fill in the import form", "fill-import", "primary", () => this.actions.fillImportForm());
      fill.disabled = model.busy;
      actions.append(fill);
    } else {
      actions.append(this.button("Open Import client", "open-import", "primary", () => this.actions.openImportPage()));
    }
    actions.append(this.button("Back", "back", "secondary", () => this.actions.goTo("where")));
    parts.push(actions);
    return parts;
  }

  private checksStep(model: PanelModel): HTMLElement[] {
    const parts: HTMLElement[] = [];
    if (!model.onClientPage) {
      parts.push(this.el("p", {}, "Open the new client to see its checks."));
      parts.push(this.el("div", { className: "actions" }, this.button("Open the client", "open-client", "primary", () => this.actions.openClient())));
    } else if (model.remaining === null) {
      parts.push(this.el("p", {}, "Checking the client…"));
    } else {
      const remaining = this.el("p", { className: model.remaining === 0 ? "state ok" : "state warning" }, model.remaining === 0 ? "No errors or warnings left: the client is ready for Sentry." : `${model.remaining} finding${model.remaining === 1 ? "" : "s"} left to fix.`);
      remaining.dataset.remaining = String(model.remaining);
      parts.push(remaining);
      if (model.remaining > 0) parts.push(this.el("p", {}, 'Use "Fix all on this tab" in the SAML Lens card above the client\'s tabs, then press the console\'s Save; the card lists the findings of the other tabs.'));
    }
    parts.push(this.el("div", { className: "actions" }, this.button("Next: Sentry side", "next", model.remaining === 0 ? "primary" : "secondary", () => this.actions.goTo("sentry"))));
    return parts;
  }

  private sentryStep(model: PanelModel): HTMLElement[] {
    const side = model.sentrySide;
    const orgSettings = model.progress.kind === "sentry-saas" ? `https://sentry.io/settings/${model.progress.orgSlug}/auth/` : `${model.progress.urlPrefix.replace(/\/+$/, "")}/settings/${model.progress.orgSlug}/auth/`;
    const parts: HTMLElement[] = [this.el("p", {}, "In Sentry: Settings → Auth → SAML2. Enter these values:")];
    if (side === null) {
      parts.push(this.el("p", { className: "field-error" }, "The values could not be computed from this console's address."));
    } else {
      const list = this.el("dl");
      const row = (label: string, value: string, key: string) => {
        const copy = this.button("Copy", `copy-${key}`, "secondary", () => this.copy(value, label));
        copy.setAttribute("aria-label", `Copy ${label}`);
        list.append(this.el("dt", {}, label), this.el("dd", {}, this.el("code", {}, value), copy));
      };
      row("Metadata URL", side.metadataUrl, "metadata-url");
      row("Entity ID", side.entityId, "entity-id");
      row("Single Sign On URL", side.ssoUrl, "sso-url");
      for (const mapping of side.attributeMapping) row(mapping.sentryField, mapping.samlAttributeName, mapping.sentryField.toLowerCase().replace(/\W+/g, "-"));
      parts.push(list, ...side.notes.map((note) => this.el("p", { className: "note" }, note)));
    }
    const link = this.el("a", { href: orgSettings, target: "_blank", rel: "noopener noreferrer" }, "Open the organization's auth settings in Sentry");
    parts.push(this.el("p", {}, link));
    parts.push(this.el("p", {}, "A user who signs in through this SSO and is not yet a member is added to the organization, with the default role."));
    if (model.progress.kind === "sentry-self-hosted") {
      parts.push(this.el("p", {}, "To stop new sign-ups on self-hosted Sentry, set this in sentry/sentry.conf.py of the self-hosted checkout (not inside a running container), then restart:"));
      parts.push(this.el("pre", {}, 'SENTRY_FEATURES["auth:register"] = False'));
    }
    parts.push(this.el("div", { className: "actions" }, this.button("Finish", "finish", "primary", () => this.actions.finish()), this.button("Back", "back", "secondary", () => this.actions.goTo("checks"))));
    return parts;
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

  private textInput(name: string, labelText: string, value: string, placeholder: string, error: string | undefined): { label: HTMLElement; input: HTMLInputElement } {
    const input = this.el("input", { type: "text", name, placeholder, autocomplete: "off", spellcheck: "false" });
    input.value = value;
    const label = this.el("label", {}, labelText, input);
    if (error !== undefined) {
      const id = `error-${name}`;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", id);
      label.append(this.el("p", { className: "field-error", id }, error));
    }
    return { label, input };
  }

  private button(text: string, action: string, className: string, onClick: () => void): HTMLButtonElement {
    const button = this.el("button", { type: "button", className }, text);
    button.dataset.action = action;
    button.addEventListener("click", onClick);
    return button;
  }

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
    const element = this.doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "className") element.className = value;
      else element.setAttribute(name, value);
    }
    element.append(...children);
    return element;
  }
}
