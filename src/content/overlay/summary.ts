/**
 * The summary card above a client's tabs: counts, every finding across all tabs (each a link to its tab and field),
 * "ready for Sentry" when nothing is wrong, "Fix all on this tab", and the values to copy into Sentry. When the
 * Client ID does not name a Sentry organization, it asks once which one this client is for.
 */
import type { PresetChoice as OverlayPreset } from "../../core/presets/choice.js";
import { domOf, OVERLAY_ATTRIBUTE } from "../dom.js";
import { presetForm } from "./preset-form.js";
import { acceptance, fieldLocation, type CheckResponse, type Finding, type Outcome } from "../findings.js";
import { sourceLink } from "./badge.js";
import { findingBadgeKey } from "./badge-layer.js";
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

/** Collapsed or not, and the Security group open or not, survive tab changes and re-renders (one card per page load). */
let collapsed = false;
let securityOpen = false;

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
    const { el } = domOf(doc);
    this.host = el("section", { [OVERLAY_ATTRIBUTE]: "summary" });
    const shadow = this.host.attachShadow({ mode: "open" });
    applyStyles(shadow, SUMMARY_CSS);
    this.card = el("div", { className: "card pending" });
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
    const { el, button } = domOf(doc);
    const head = el("div", { className: "head" }, el("span", { className: "title" }, "SAML Lens"));
    this.host.setAttribute("aria-label", "SAML Lens: this client checked against Sentry");
    const show = (state: string, tone: string, ...body: Node[]) => {
      this.card.className = `card ${tone}`;
      this.host.dataset.state = state;
      this.card.replaceChildren(head, ...body);
    };
    if (model.kind === "waiting" || model.kind === "unrecognised") {
      head.append(el("span", {}, model.text));
      show(model.kind, model.kind === "waiting" ? "pending" : "warning");
      return;
    }
    if (model.kind === "choose-preset") {
      head.append(el("span", {}, "Which Sentry is this client for?"));
      show("choose-preset", "warning", presetForm(doc, model.problem, model.initial, (preset) => this.actions.choosePreset(preset)));
      return;
    }
    const { response } = model;
    const findings = response.outcomes.map((outcome) => outcome.finding);
    const counts = { error: 0, warning: 0, suggestion: 0, info: 0 };
    for (const finding of findings) counts[finding.severity] += 1;
    const tone = !response.ok ? "error" : counts.error > 0 ? "error" : counts.warning > 0 ? "warning" : "ok";
    const state = model.unrecognised !== null ? "unrecognised" : !response.ok ? "problem" : tone === "ok" ? "ready" : tone;
    const cardTone = model.unrecognised === null ? tone : "warning";
    head.append(el("span", {}, model.presetLabel), button("change", "change-preset", "where", () => this.actions.changePreset()));
    if (!response.ok) {
      show(state, cardTone, el("p", { className: "problem" }, response.error ?? "The check failed."));
      return;
    }
    const countsBox = el("span", { className: "counts" });
    for (const severity of ["error", "warning", "suggestion"] as const) {
      if (counts[severity] > 0) countsBox.append(el("span", { className: `count ${severity}`, "data-severity": severity }, `${counts[severity]} ${severity}${counts[severity] === 1 ? "" : "s"}`));
    }
    const status = (text = "") => el("p", { className: "note", role: "status" }, text);
    const toggle = button(collapsed ? "Show details" : "Hide details", "toggle", "toggle", () => {
      collapsed = !collapsed;
      this.signature = "";
      this.render(model, dark);
    });
    toggle.setAttribute("aria-expanded", String(!collapsed));
    head.append(
      countsBox,
      el(
        "span",
        { className: "state", role: "status" },
        tone === "ok" ? (model.unsaved ? "Ready for Sentry once you save" : "Ready for Sentry") : model.unsaved ? "(includes unsaved changes)" : "",
      ),
      toggle,
    );
    const body: Node[] = [];
    if (model.notice !== null) body.push(el("p", { className: "note", role: "status", "data-notice": "" }, model.notice));
    if (model.unrecognised !== null) {
      body.push(
        el(
          "p",
          { className: "problem", role: "alert", "data-missing": model.unrecognised.join("|") },
          `This console version is not recognised: SAML Lens did not find ${model.unrecognised.join(", ")} on this tab, ` +
            "so it shows no badges and no fixes here. The findings below are those of the client as the console loaded it.",
        ),
      );
    }
    if (!collapsed) {
      if (findings.length > 0) body.push(this.findingList(doc, response.outcomes));
      const actions = el("div", { className: "actions" });
      const said = status();
      if (model.fixableHere > 0) {
        const fixAll: HTMLButtonElement = button(`Fix all on this tab (${model.fixableHere})`, "fix-all", "primary", () => {
          fixAll.disabled = true;
          void this.actions.fixAllHere().then((message) => {
            said.textContent = message;
            fixAll.disabled = false;
          });
        });
        actions.append(fixAll);
      }
      if (response.sentrySide !== null) actions.append(this.copyButton(doc, response.sentrySide, said));
      // On the actions' line while closed: the card is no taller than before security existed.
      if (response.securityOutcomes?.length) actions.append(this.securityGroup(doc, response.securityOutcomes));
      body.push(actions, said);
    }
    show(state, cardTone, ...body);
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

  /** Security apart from Sentry fit: each finding's why, its source, and why an accepted one stays (or is not accepted). */
  private securityGroup(doc: Document, outcomes: readonly Outcome[]): HTMLElement {
    const { el } = domOf(doc);
    const list = el("ul", { "aria-label": "Security findings" });
    for (const { finding } of outcomes) {
      const item = findingItem(doc, finding);
      // A link to its badge; the realm's keys and the dedicated scope's Full scope allowed have none here.
      const where = item.querySelector("button");
      if (findingBadgeKey(finding) === null) where?.replaceWith(where.textContent ?? "");
      else where?.addEventListener("click", () => this.actions.goTo(finding));
      const line = acceptance(finding);
      const source = sourceLink(doc, finding.source);
      if (source !== null) item.lastElementChild?.firstElementChild?.after(" ", source);
      if (line !== null) {
        item.dataset.accepted = String(finding.accepted !== undefined);
        item.lastElementChild?.append(el("p", { className: "message", title: line }, line));
      }
      list.append(item);
    }
    // Closed unless the user opened it, and kept so.
    const open = outcomes.filter(({ finding }) => finding.accepted === undefined).length;
    const group = el("details", { "aria-label": "Security" }, el("summary", {}, `Security: ${open} to act on, ${outcomes.length - open} accepted`), list);
    group.open = securityOpen;
    group.addEventListener("toggle", () => (securityOpen = group.open));
    return group;
  }

  private copyButton(doc: Document, side: NonNullable<CheckResponse["sentrySide"]>, status: HTMLElement): HTMLElement {
    const text = [
      `Metadata URL: ${side.metadataUrl}`,
      `Entity ID: ${side.entityId}`,
      `Single Sign On URL: ${side.ssoUrl}`,
      ...side.attributeMapping.map((row) => `${row.sentryField}: ${row.samlAttributeName}`),
      ...side.notes,
    ].join("\n");
    const copy = domOf(doc).button("Copy values for Sentry", "copy-sentry", "secondary", () => {
      navigator.clipboard.writeText(text).then(
        () => (status.textContent = "Copied: paste them into Sentry › Settings › Auth › SAML2."),
        () => (status.textContent = `Copy failed; the values are:\n${text}`),
      );
    });
    copy.title = text;
    return copy;
  }
}

function findingItem(doc: Document, finding: Finding): HTMLLIElement {
  const { el } = domOf(doc);
  // One line in the card (compact); the whole text on hover, and on the badge its link opens.
  return el(
    "li",
    { className: finding.severity, "data-finding": finding.id },
    el("span", { className: "dot", "aria-hidden": "true" }),
    el(
      "div",
      {},
      el("button", { type: "button", className: "where" }, `${finding.severity}: ${fieldLocation(finding)}`),
      el("p", { className: "message", title: finding.message }, finding.message),
    ),
  );
}
