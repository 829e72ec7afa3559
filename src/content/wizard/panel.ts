/**
 * The "Set up Sentry SSO" panel docked at the right edge of the console: one step at a time, in a shadow root (the
 * console's styles and ours never meet), every control a real button or input with a label, the step's heading
 * focused when the step changes so a screen reader announces where the user is.
 */
import { OVERLAY_ATTRIBUTE } from "../badge.js";
import { SUMMARY_CSS } from "../styles.js";
import type { Descriptor } from "./descriptor.js";
import type { CreateStep } from "./create-client.js";
import type { LoginView } from "./login-step.js";
import type { MapperTask } from "./mapper-step.js";
import { createStepBody, loginStepBody, mappersStepBody, type PanelUi } from "./panel-steps.js";
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
  readonly spMetadata?: string;
  readonly other?: string;
}

/** Step 1's input: Sentry's URL and slug, or its SP metadata (pasted XML or the metadata URL). */
export type WhereInput = Pick<WizardProgress, "kind" | "urlPrefix" | "orgSlug"> & { readonly spMetadata?: string };

/** Step 3 walks these tabs of the new client, in this order; step 4 (the mappers) is on Client scopes. */
export const CHECK_TABS = ["settings", "keys", "advanced"] as const;
export type CheckTab = (typeof CHECK_TABS)[number];
export const CHECK_TAB_TITLES: Record<CheckTab, string> = { settings: "Settings", keys: "Keys", advanced: "Advanced" };

/** The tab the wizard is at, with the overlay's errors and warnings on it. */
export interface ChecksView {
  readonly tab: CheckTab;
  /** The console shows that tab of the new client. */
  readonly onTab: boolean;
  readonly checked: boolean;
  readonly findings: ReadonlyArray<{ readonly severity: string; readonly message: string; readonly fix: string }>;
  /** How many of them the overlay's "Fix all on this tab" fixes. */
  readonly fixable: number;
  readonly unsaved: boolean;
  /** The last tab is clean and saved: the client is ready. */
  readonly done: boolean;
}

export type PanelModel = {
  readonly progress: WizardProgress;
  readonly realm: string;
  readonly busy: boolean;
  /** A sentence about the last action (or its failure), announced politely. */
  readonly status: string;
  readonly errors: WhereErrors;
  /** The user chose to give Sentry's SP metadata, and what they pasted so far (kept while the page lives). */
  readonly spMetadata: string | null;
  readonly warnings: readonly string[];
  readonly clientId: string;
  readonly onImportPage: boolean;
  /** The new client's page is shown (step 3). */
  readonly onClientPage: boolean;
  /** Errors and warnings the overlay still reports for the new client; `null` before its first check. */
  readonly remaining: number | null;
  /** Steps 3–4; `null` before the client exists. */
  readonly checks: ChecksView | null;
  readonly sentrySide: SentrySide | null;
  /** The realm's IdP descriptor XML (step 5), `null` before it was asked for. */
  readonly descriptor: Descriptor | null;
  /** Step 2 by hand: the console's Create client step shown, `null` when Create client is not shown. */
  readonly createStep: CreateStep | null;
  readonly onCreatePage: boolean;
  /** Step 4; `null` on other steps. */
  readonly mappers: MappersView | null;
  /** Step 6; `null` on other steps. */
  readonly login: LoginView | null;
};

/** Step 4: what is left on the client's Client scopes, as the overlay reports it. */
export interface MappersView {
  /** The console shows the client's Client scopes tab (Setup) or its dedicated scope. */
  readonly onScopes: boolean;
  readonly onSetup: boolean;
  /** A mapper's form is shown (the user reviews and saves it). */
  readonly onMapperForm: boolean;
  readonly checked: boolean;
  readonly tasks: readonly MapperTask[];
  readonly unsaved: boolean;
  readonly done: boolean;
}

export interface PanelActions {
  readonly submitWhere: (input: WhereInput) => void;
  readonly openImportPage: () => void;
  readonly fillImportForm: () => void;
  readonly openClient: () => void;
  readonly goTo: (step: WizardProgress["step"]) => void;
  readonly openCheckTab: () => void;
  readonly fixAllHere: () => void;
  readonly cancel: () => void;
  readonly finish: () => void;
  readonly chooseByHand: () => void;
  readonly openCreatePage: () => void;
  readonly fillCreateStep: () => void;
  readonly openScopes: () => void;
  readonly runMapperTask: (task: MapperTask) => void;
  readonly startLogin: (from: "keycloak" | "sentry") => void;
  readonly openRecorder: () => void;
}

/** Import and by hand are the two paths of step 2. */
const STEPS: ReadonlyArray<{ steps: ReadonlyArray<WizardProgress["step"]>; short: string; title: (step: WizardProgress["step"]) => string }> = [
  { steps: ["where"], short: "Where", title: () => "Where is Sentry?" },
  { steps: ["import", "create"], short: "Create", title: (step) => (step === "create" ? "Create the client by hand" : "Create the client by import") },
  { steps: ["checks"], short: "Check", title: () => "Check the new client" },
  { steps: ["mappers"], short: "Mappers", title: () => "Mappers: what Sentry reads" },
  { steps: ["sentry"], short: "Sentry", title: () => "Enter the values in Sentry" },
  { steps: ["login"], short: "Test", title: () => "Test the login" },
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
  .descriptor textarea { width: 100%; box-sizing: border-box; }
  label[hidden] { display: none; } .radios { flex-wrap: wrap; row-gap: 2px; }
  textarea { font: 12px/1.4 monospace; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 3px; padding: 4px; resize: vertical; }
  textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  .mapper-check li, .login-result li { display: block; } .mapper-check li .actions { margin-top: 4px; }
`;

export class WizardPanel {
  readonly host: HTMLElement;
  private readonly card: HTMLElement;
  private shownStep: string | null = null;
  private collapsed = false;
  private last: PanelModel | null = null;
  private readonly ui: PanelUi = {
    el: (tag, attributes, ...children) => this.el(tag, attributes, ...children),
    button: (text, action, className, onClick) => this.button(text, action, className, onClick),
  };

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
    const index = STEPS.findIndex((entry) => entry.steps.includes(model.progress.step));
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
      const item = this.el("li", {}, `${position + 1}. ${entry.short}`);
      if (position === index) item.setAttribute("aria-current", "step");
      steps.append(item);
    });
    const heading = this.el("h2", { tabIndex: "-1" }, `Step ${index + 1} of ${STEPS.length}: ${STEPS[index]?.title(model.progress.step) ?? ""}`);
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
      case "create":
        return createStepBody(this.ui, model, this.actions);
      case "checks":
        return this.checksStep(model);
      case "mappers":
        return mappersStepBody(this.ui, model, this.actions);
      case "sentry":
        return this.sentryStep(model);
      case "login":
        return loginStepBody(this.ui, model, this.actions);
    }
  }

  private whereStep(model: PanelModel): HTMLElement[] {
    const { progress, errors } = model;
    const form = this.el("form", { "aria-label": "Where is Sentry?" });
    const radios = this.el("fieldset", { className: "radios" });
    radios.append(this.el("legend", {}, "Sentry runs"));
    const choices = [
      { value: "sentry-self-hosted", label: "self-hosted", checked: model.spMetadata === null && progress.kind === "sentry-self-hosted" },
      { value: "sentry-saas", label: "on sentry.io", checked: model.spMetadata === null && progress.kind === "sentry-saas" },
      { value: "sp-metadata", label: "I have Sentry's SP metadata (XML or URL)", checked: model.spMetadata !== null },
    ] as const;
    const kindInputs = choices.map((choice) => {
      const input = this.el("input", { type: "radio", name: "kind", value: choice.value });
      input.checked = choice.checked;
      radios.append(this.el("label", {}, input, choice.label));
      return input;
    });
    const chosen = () => choices[kindInputs.findIndex((input) => input.checked)]?.value ?? "sentry-self-hosted";
    const url = this.textInput("urlPrefix", "Sentry URL (self-hosted)", progress.urlPrefix, "https://sentry.example.com", errors.urlPrefix);
    const slug = this.textInput("orgSlug", "Organization slug", progress.orgSlug, "my-org", errors.orgSlug);
    const metadata = this.textArea(
      "spMetadata",
      "Sentry's SP metadata: paste the XML Sentry serves at …/saml/metadata/<org>/, or that URL",
      model.spMetadata ?? "",
      errors.spMetadata,
    );
    const sync = () => {
      const kind = chosen();
      const show = (field: { label: HTMLElement; input: HTMLInputElement | HTMLTextAreaElement }, shown: boolean) => {
        field.input.disabled = !shown;
        field.label.hidden = !shown;
      };
      show(url, kind === "sentry-self-hosted");
      show(slug, kind !== "sp-metadata");
      show(metadata, kind === "sp-metadata");
    };
    for (const input of kindInputs) input.addEventListener("change", sync);
    sync();
    const submit = this.button("Next", "next", "primary", () => undefined);
    submit.type = "submit";
    submit.disabled = model.busy;
    form.append(radios, url.label, slug.label, metadata.label);
    if (errors.other !== undefined) form.append(this.el("p", { className: "field-error", role: "alert" }, errors.other));
    form.append(this.el("div", { className: "actions" }, submit));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const kind = chosen();
      if (kind === "sp-metadata") this.actions.submitWhere({ kind: progress.kind, urlPrefix: progress.urlPrefix, orgSlug: progress.orgSlug, spMetadata: metadata.input.value });
      else this.actions.submitWhere({ kind, urlPrefix: url.input.value, orgSlug: slug.input.value });
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
    parts.push(this.el("p", {}, "Or create it field by field in the console's Create client, with SAML Lens filling in each step:"));
    parts.push(this.el("div", { className: "actions" }, this.button("Create it by hand instead", "by-hand", "secondary", () => this.actions.chooseByHand())));
    return parts;
  }

  private checksStep(model: PanelModel): HTMLElement[] {
    const parts: HTMLElement[] = [];
    const checks = model.checks;
    if (checks !== null) {
      const tabs = this.el("ol", { className: "steps", "aria-label": "Tabs of the client" });
      CHECK_TABS.forEach((tab, position) => {
        const item = this.el("li", {}, `${position < CHECK_TABS.indexOf(checks.tab) ? "✓ " : ""}${CHECK_TAB_TITLES[tab]}`);
        if (tab === checks.tab) item.setAttribute("aria-current", "step");
        tabs.append(item);
      });
      parts.push(tabs);
      const walk = this.el("div", { className: "tab-check" });
      walk.dataset.tab = checks.tab;
      parts.push(walk);
      const title = CHECK_TAB_TITLES[checks.tab];
      if (!checks.onTab) {
        walk.append(this.el("p", {}, `Next: the client's ${title} tab.`));
        walk.append(this.el("div", { className: "actions" }, this.button(`Open ${title}`, "open-tab", "primary", () => this.actions.openCheckTab())));
      } else if (!checks.checked) {
        walk.append(this.el("p", {}, `Checking ${title}…`));
      } else if (checks.findings.length > 0) {
        walk.dataset.findings = String(checks.findings.length);
        walk.append(this.el("p", {}, `${checks.findings.length} to fix on ${title}:`));
        const list = this.el("ul");
        for (const finding of checks.findings) list.append(this.el("li", { className: finding.severity }, `${finding.message} ${finding.fix}`));
        walk.append(list);
        if (checks.fixable > 0) {
          const fix = this.button(`Fix all on this tab (${checks.fixable})`, "fix-all", "primary", () => this.actions.fixAllHere());
          fix.disabled = model.busy;
          walk.append(this.el("div", { className: "actions" }, fix));
        }
      } else if (checks.unsaved) {
        walk.append(this.el("p", { className: "state warning" }, `Nothing left to fix on ${title}: press the console's Save; the wizard then moves on.`));
      } else if (checks.done) {
        walk.append(this.el("p", { className: "state ok" }, "Settings, Keys and Advanced are clean and saved."));
      }
    } else if (!model.onClientPage) {
      parts.push(this.el("p", {}, "Open the new client to see its checks."));
      parts.push(this.el("div", { className: "actions" }, this.button("Open the client", "open-client", "primary", () => this.actions.openClient())));
    }
    if (model.onClientPage && model.remaining !== null) {
      const remaining = this.el("p", { className: model.remaining === 0 ? "state ok" : "state warning" }, model.remaining === 0 ? "No errors or warnings left: the client is ready for Sentry." : `${model.remaining} finding${model.remaining === 1 ? "" : "s"} left on the client in all.`);
      remaining.dataset.remaining = String(model.remaining);
      parts.push(remaining);
    }
    parts.push(this.el("div", { className: "actions" }, this.button("Next: mappers", "next", checks?.done === true ? "primary" : "secondary", () => this.actions.goTo("mappers"))));
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
      parts.push(...this.descriptorPart(model.descriptor));
    }
    const link = this.el("a", { href: orgSettings, target: "_blank", rel: "noopener noreferrer" }, "Open the organization's auth settings in Sentry");
    parts.push(this.el("p", {}, link));
    parts.push(this.el("p", {}, "A user who signs in through this SSO and is not yet a member is added to the organization, with the default role."));
    if (model.progress.kind === "sentry-self-hosted") {
      parts.push(this.el("p", {}, "To stop new sign-ups on self-hosted Sentry, set this in sentry/sentry.conf.py of the self-hosted checkout (not inside a running container), then restart:"));
      parts.push(this.el("pre", {}, 'SENTRY_FEATURES["auth:register"] = False'));
    }
    parts.push(
      this.el(
        "div",
        { className: "actions" },
        this.button("Next: test the login", "next", "primary", () => this.actions.goTo("login")),
        this.button("Back", "back", "secondary", () => this.actions.goTo("mappers")),
        this.button("Finish", "finish", "secondary", () => this.actions.finish()),
      ),
    );
    return parts;
  }

  /** For a Sentry that cannot reach this Keycloak: the metadata itself, to paste as "Metadata XML". */
  private descriptorPart(descriptor: Descriptor | null): HTMLElement[] {
    const heading = this.el("p", {}, "If Sentry cannot reach this Keycloak (e.g. a private address), paste the metadata XML instead of the URL:");
    if (descriptor === null || descriptor.kind === "loading") return [heading, this.el("p", { className: "note" }, "Reading the realm's metadata…")];
    if (descriptor.kind === "failed") return [heading, this.el("p", { className: "field-warning" }, descriptor.reason)];
    const xml = this.el("textarea", { name: "descriptor", rows: "4", readonly: "", spellcheck: "false", "aria-label": "Metadata XML" });
    xml.value = descriptor.xml;
    const copy = this.button("Copy", "copy-descriptor", "secondary", () => this.copy(descriptor.xml, "Metadata XML"));
    copy.setAttribute("aria-label", "Copy Metadata XML");
    return [heading, this.el("div", { className: "descriptor" }, xml, this.el("div", { className: "actions" }, copy))];
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
    return { label: this.labelled(labelText, input, error), input };
  }

  private textArea(name: string, labelText: string, value: string, error: string | undefined): { label: HTMLElement; input: HTMLTextAreaElement } {
    const input = this.el("textarea", { name, rows: "5", autocomplete: "off", spellcheck: "false" });
    input.value = value;
    return { label: this.labelled(labelText, input, error), input };
  }

  /** The field in its label, with its error (if any) announced as the field's description. */
  private labelled(labelText: string, input: HTMLInputElement | HTMLTextAreaElement, error: string | undefined): HTMLElement {
    const label = this.el("label", {}, labelText, input);
    if (error !== undefined) {
      const id = `error-${input.name}`;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", id);
      label.append(this.el("p", { className: "field-error", id }, error));
    }
    return label;
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
