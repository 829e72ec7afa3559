/**
 * The summary card above a client's tabs: counts, every finding across all tabs (each a link to its tab and field),
 * "ready for Sentry" when nothing is wrong, "Fix all on this tab", and the values to copy into Sentry. When the
 * Client ID does not name a Sentry organization, it asks once which one this client is for.
 */
import type { PresetChoice as OverlayPreset } from "../../core/presets/choice.js";
import { OVERLAY_ATTRIBUTE } from "../dom.js";
import { presetForm } from "./preset-form.js";
import { fieldLocation, type CheckResponse, type Finding, type Outcome } from "../findings.js";
import { applyStyles, SUMMARY_CSS } from "../styles.js";

export type SummaryModel =
  | { readonly kind: "waiting"; readonly text: string }
  /** The console does not look like one SAML Lens knows: no badges, and the card says why. */
  | { readonly kind: "unrecognised"; readonly text: string }
  | { readonly kind: "choose-preset"; readonly problem: string | null; readonly initial: OverlayPreset | null }
  | {
      readonly kind: "result";
      readonly presetLabel: string;
      readonly response: CheckResponse;
      /** Findings the current tab can fix through its form. */
      readonly fixableHere: number;
      readonly unsaved: boolean;
      /** Fields this tab should show but does not (the console changed): the tab gets no badges and no fixes. */
      readonly unrecognised: readonly string[] | null;
      /** What SAML Lens did on this page by itself (filled in a mapper form). */
      readonly notice: string | null;
    };

export interface SummaryActions {
  readonly goTo: (finding: Finding) => void;
  readonly fixAllHere: () => Promise<string>;
  readonly choosePreset: (preset: OverlayPreset) => void;
  readonly changePreset: () => void;
}

/** Collapsed or not survives tab changes and re-renders (one card per page load). */
let collapsed = false;

/**
 * One card per page load: each client page's overlay takes it over (`actions` are that overlay's), so a route change
 * re-renders the card in place instead of building a new shadow root.
 */
export class SummaryCard {
  readonly host: HTMLElement;
  private readonly card: HTMLElement;
  private signature = "";
  private last: { model: SummaryModel; dark: boolean; collapsed: boolean } | null = null;

  constructor(
    doc: Document,
    /** Read when the user clicks, so a card rendered for the previous page still acts for the current one. */
    public actions: SummaryActions,
  ) {
    this.host = doc.createElement("section");
    this.host.setAttribute(OVERLAY_ATTRIBUTE, "summary");
    const shadow = this.host.attachShadow({ mode: "open" });
    applyStyles(shadow, SUMMARY_CSS);
    this.card = doc.createElement("div");
    this.card.className = "card pending";
    shadow.append(this.card);
  }

  render(model: SummaryModel, dark: boolean): void {
    // Called on every frame the console renders: the same model object means nothing to do.
    if (this.last !== null && this.last.model === model && this.last.dark === dark && this.last.collapsed === collapsed) return;
    this.last = { model, dark, collapsed };
    const signature = JSON.stringify([model, dark, collapsed]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.host.dataset.theme = dark ? "dark" : "light";
    const doc = this.host.ownerDocument;
    const head = doc.createElement("div");
    head.className = "head";
    const title = doc.createElement("span");
    title.className = "title";
    title.textContent = "SAML Lens";
    head.append(title);
    this.host.setAttribute("aria-label", "SAML Lens: this client checked against Sentry");
    if (model.kind === "waiting" || model.kind === "unrecognised") {
      const text = doc.createElement("span");
      text.textContent = model.text;
      head.append(text);
      this.card.className = model.kind === "waiting" ? "card pending" : "card warning";
      this.host.dataset.state = model.kind;
      this.card.replaceChildren(head);
      return;
    }
    if (model.kind === "choose-preset") {
      this.card.className = "card warning";
      this.host.dataset.state = "choose-preset";
      const text = doc.createElement("span");
      text.textContent = "Which Sentry is this client for?";
      head.append(text);
      this.card.replaceChildren(head, presetForm(doc, model.problem, model.initial, (preset) => this.actions.choosePreset(preset)));
      return;
    }
    const { response } = model;
    const findings = response.outcomes.map((outcome) => outcome.finding);
    const counts = { error: 0, warning: 0, suggestion: 0, info: 0 };
    for (const finding of findings) counts[finding.severity] += 1;
    const tone = !response.ok ? "error" : counts.error > 0 ? "error" : counts.warning > 0 ? "warning" : "ok";
    this.card.className = `card ${model.unrecognised === null ? tone : "warning"}`;
    this.host.dataset.state = model.unrecognised !== null ? "unrecognised" : !response.ok ? "problem" : tone === "ok" ? "ready" : tone;
    const preset = doc.createElement("span");
    preset.textContent = model.presetLabel;
    const change = doc.createElement("button");
    change.type = "button";
    change.className = "where";
    change.textContent = "change";
    change.addEventListener("click", () => this.actions.changePreset());
    head.append(preset, change);
    if (!response.ok) {
      const problem = doc.createElement("p");
      problem.className = "problem";
      problem.textContent = response.error ?? "The check failed.";
      this.card.replaceChildren(head, problem);
      return;
    }
    const countsBox = doc.createElement("span");
    countsBox.className = "counts";
    for (const severity of ["error", "warning", "suggestion"] as const) {
      if (counts[severity] === 0) continue;
      const count = doc.createElement("span");
      count.className = `count ${severity}`;
      count.dataset.severity = severity;
      count.textContent = `${counts[severity]} ${severity}${counts[severity] === 1 ? "" : "s"}`;
      countsBox.append(count);
    }
    const state = doc.createElement("span");
    state.className = "state";
    state.setAttribute("role", "status");
    state.textContent =
      tone === "ok" ? (model.unsaved ? "Ready for Sentry once you save" : "Ready for Sentry") : model.unsaved ? "(includes unsaved changes)" : "";
    const toggle = doc.createElement("button");
    toggle.type = "button";
    toggle.className = "toggle";
    toggle.setAttribute("aria-expanded", String(!collapsed));
    toggle.textContent = collapsed ? "Show details" : "Hide details";
    toggle.addEventListener("click", () => {
      collapsed = !collapsed;
      this.signature = "";
      this.render(model, dark);
    });
    head.append(countsBox, state, toggle);
    const body: Node[] = [];
    if (model.notice !== null) {
      const notice = doc.createElement("p");
      notice.className = "note";
      notice.setAttribute("role", "status");
      notice.dataset.notice = "";
      notice.textContent = model.notice;
      body.push(notice);
    }
    if (model.unrecognised !== null) {
      const problem = doc.createElement("p");
      problem.className = "problem";
      problem.setAttribute("role", "alert");
      problem.dataset.missing = model.unrecognised.join("|");
      problem.textContent =
        `This console version is not recognised: SAML Lens did not find ${model.unrecognised.join(", ")} on this tab, ` +
        "so it shows no badges and no fixes here. The findings below are those of the client as the console loaded it.";
      body.push(problem);
    }
    if (!collapsed) {
      if (findings.length > 0) body.push(this.findingList(doc, response.outcomes));
      const actions = doc.createElement("div");
      actions.className = "actions";
      const status = doc.createElement("p");
      status.className = "note";
      status.setAttribute("role", "status");
      if (model.fixableHere > 0) {
        const fixAll = doc.createElement("button");
        fixAll.type = "button";
        fixAll.className = "primary";
        fixAll.dataset.action = "fix-all";
        fixAll.textContent = `Fix all on this tab (${model.fixableHere})`;
        fixAll.addEventListener("click", () => {
          fixAll.disabled = true;
          void this.actions.fixAllHere().then((message) => {
            status.textContent = message;
            fixAll.disabled = false;
          });
        });
        actions.append(fixAll);
      }
      if (response.sentrySide !== null) actions.append(this.copyButton(doc, response.sentrySide, status));
      body.push(actions, status);
    }
    this.card.replaceChildren(head, ...body);
  }

  /** The list and its items outlive a render: the next client or tab mostly shows the same findings again. */
  private list: HTMLUListElement | null = null;
  private readonly items = new Map<string, HTMLLIElement>();
  private readonly itemFinding = new WeakMap<Element, Finding>();

  private findingList(doc: Document, outcomes: readonly Outcome[]): HTMLElement {
    let list = this.list;
    if (list === null) {
      list = this.list = doc.createElement("ul");
      list.setAttribute("aria-label", "Findings");
      list.addEventListener("click", (event) => {
        const item = event.target instanceof Element && event.target.matches("button.where") ? event.target.closest("li") : null;
        const finding = item === null ? undefined : this.itemFinding.get(item);
        if (finding !== undefined) this.actions.goTo(finding);
      });
    }
    const shown = new Set<HTMLLIElement>();
    for (const { finding } of outcomes) {
      const key = JSON.stringify([finding.id, finding.severity, fieldLocation(finding), finding.message]);
      let item = this.items.get(key);
      if (item === undefined || shown.has(item)) {
        item = findingItem(doc, finding);
        this.items.set(key, item);
      }
      this.itemFinding.set(item, finding);
      shown.add(item);
    }
    // Bounded: what the last few pages showed is what comes back.
    if (this.items.size > 100) for (const [key, item] of this.items) if (!shown.has(item)) this.items.delete(key);
    list.replaceChildren(...shown);
    return list;
  }

  private copyButton(doc: Document, side: NonNullable<CheckResponse["sentrySide"]>, status: HTMLElement): HTMLElement {
    const text = [
      `Metadata URL: ${side.metadataUrl}`,
      `Entity ID: ${side.entityId}`,
      `Single Sign On URL: ${side.ssoUrl}`,
      ...side.attributeMapping.map((row) => `${row.sentryField}: ${row.samlAttributeName}`),
      ...side.notes,
    ].join("\n");
    const copy = doc.createElement("button");
    copy.type = "button";
    copy.className = "secondary";
    copy.dataset.action = "copy-sentry";
    copy.textContent = "Copy values for Sentry";
    copy.title = text;
    copy.addEventListener("click", () => {
      navigator.clipboard.writeText(text).then(
        () => (status.textContent = "Copied: paste them into Sentry › Settings › Auth › SAML2."),
        () => (status.textContent = `Copy failed; the values are:\n${text}`),
      );
    });
    return copy;
  }
}

function findingItem(doc: Document, finding: Finding): HTMLLIElement {
  const item = doc.createElement("li");
  item.className = finding.severity;
  item.dataset.finding = finding.id;
  const dot = doc.createElement("span");
  dot.className = "dot";
  dot.setAttribute("aria-hidden", "true");
  const text = doc.createElement("div");
  const where = doc.createElement("button");
  where.type = "button";
  where.className = "where";
  where.textContent = `${finding.severity}: ${fieldLocation(finding)}`;
  const message = doc.createElement("p");
  message.className = "message";
  message.textContent = finding.message;
  // One line in the card (compact); the whole text on hover, and on the badge its link opens.
  message.title = finding.message;
  text.append(where, message);
  item.append(dot, text);
  return item;
}
