/**
 * A badge next to a checked field: ok / warning / error in a shadow root, a real button (keyboard reachable, named for
 * screen readers), and a popover with the expected and current value, why, the source, and a Fix button.
 */
import { acceptance, consoleValue, fieldLocation, isSecurity, type BadgeState, type Finding } from "../findings.js";
import { domOf, OVERLAY_ATTRIBUTE } from "../dom.js";
import { consoleDialogOpen } from "../selectors.js";
import { applyStyles, BADGE_CSS } from "../styles.js";

export interface BadgeContent {
  readonly state: BadgeState;
  /** The setting's name for screen readers when nothing is wrong (from the finding, else the representation key). */
  readonly name: string;
  readonly findings: readonly Finding[];
  /** Present when the overlay can fix this through the page's form (or by going to the right page). */
  readonly fix: { readonly label: string; readonly note: string | null; readonly run: () => Promise<string> } | null;
  readonly dark: boolean;
  /** A security badge: its own label, beside the field's Sentry-fit badge. */
  readonly security: boolean;
}

const STATE_TEXT: Record<BadgeState, string> = { error: "Error", warning: "Warning", suggestion: "Suggestion", info: "Info", ok: "OK" };

let nextId = 0;

/** A finding's public source (a URL, or a title then its URL), opened in a new tab; `null` without a web address. */
export function sourceLink(doc: Document, source: string): HTMLAnchorElement | null {
  const url = /https?:\/\/\S+$/.exec(source)?.[0];
  return url === undefined ? null : domOf(doc).el("a", { href: url, target: "_blank", rel: "noopener noreferrer", title: source }, "Source");
}

export class Badge {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly button: HTMLButtonElement;
  private readonly popover: HTMLElement;
  private signature = "";
  private popoverStale = true;
  private content: BadgeContent | null = null;
  /** Ends what only an open popover listens to. */
  private whileOpen: AbortController | null = null;
  /** What the last Fix said: kept while the popover is open, across the re-render its own check result brings. */
  private said = "";

  /**
   * A badge outlives the overlay that made it: the next client's page reuses it for the same field (see overlay.ts),
   * so its own listeners live as long as its elements, and a Fix runs whatever the latest content says.
   */
  constructor(doc: Document, key: string) {
    const { el } = domOf(doc);
    this.host = el("span", { [OVERLAY_ATTRIBUTE]: "badge", "data-field": key });
    this.shadow = this.host.attachShadow({ mode: "open" });
    applyStyles(this.shadow, BADGE_CSS);
    const id = `saml-lens-popover-${(nextId += 1)}`;
    this.button = el("button", { type: "button", className: "badge", "aria-expanded": "false", "aria-controls": id });
    // The top layer keeps the popover above the console's form groups and the fixed Save bar.
    this.popover = el("div", { className: "popover", popover: "manual", id, role: "dialog" });
    this.shadow.append(this.button, this.popover);
    // Our clicks are not the console's business (its handlers must not see them as clicks on the form).
    this.host.addEventListener("click", (event) => event.stopPropagation());
    this.button.addEventListener("click", () => this.toggle());
    this.shadow.addEventListener("keydown", (event) => {
      if ((event as KeyboardEvent).key === "Escape" && this.isOpen()) {
        this.toggle(false);
        this.button.focus();
      }
    });
  }

  /** Off the page until a later overlay places it again. */
  detach(): void {
    if (this.isOpen()) this.toggle(false);
    this.host.remove();
  }

  get state(): BadgeState {
    return this.content?.state ?? "ok";
  }

  update(content: BadgeContent): void {
    if (content === this.content) return;
    const signature = JSON.stringify([content.state, content.name, content.findings, content.fix?.label, content.fix?.note, content.dark, content.security]);
    this.content = content;
    if (signature === this.signature) return;
    this.signature = signature;
    const doc = this.host.ownerDocument;
    this.host.dataset.state = content.state;
    this.host.dataset.theme = content.dark ? "dark" : "light";
    const first = content.findings[0];
    const label = first?.field.label ?? content.name;
    const security = content.security ? "security " : "";
    this.button.className = `badge ${security}${content.state}`;
    this.button.replaceChildren(doc.createElement("span"), doc.createTextNode(security ? "Security" : STATE_TEXT[content.state]));
    this.button.firstElementChild?.classList.add("dot");
    this.button.setAttribute(
      "aria-label",
      content.state === "ok"
        ? `SAML Lens: ${label} is as Sentry expects`
        : `SAML Lens ${security}${STATE_TEXT[content.state].toLowerCase()}: ${label}. ${first?.message ?? ""}`.trim(),
    );
    this.popover.setAttribute("aria-label", `SAML Lens: ${label}`);
    this.popover.className = `popover ${content.state}`;
    // The popover's content is built when it is opened: most badges are never opened.
    this.popoverStale = true;
    if (this.isOpen()) this.renderPopover(doc, content);
  }

  private renderPopover(doc: Document, content: BadgeContent): void {
    this.popoverStale = false;
    const { el, button } = domOf(doc);
    const parts: Node[] = [];
    if (content.findings.length === 0) parts.push(el("h2", {}, content.name), el("p", {}, "As Sentry expects."));
    for (const finding of content.findings) {
      const values = el("dl");
      for (const [term, value] of [
        ["Expected", finding.expected],
        ["Current", finding.actual],
      ] as const) {
        // As the console labels it (On, EXCLUSIVE), with what Keycloak stores beside it, smaller.
        const { shown, stored } = consoleValue(finding, value);
        values.append(el("dt", {}, term), el("dd", {}, shown, ...(stored === null ? [] : [" ", el("span", { className: "stored" }, `stored as ${stored}`)])));
      }
      parts.push(
        el("h2", {}, `${isSecurity(finding) ? "Security " : ""}${STATE_TEXT[finding.severity]}: ${fieldLocation(finding)}`),
        el("p", {}, finding.message),
        values,
        el("p", {}, acceptance(finding) ?? finding.fix),
      );
      const source = sourceLink(doc, finding.source);
      if (source !== null) parts.push(source);
    }
    const actions = el("div", { className: "actions" });
    const status = el("p", { className: "note", role: "status" }, this.said);
    if (content.fix !== null) {
      const fix: HTMLButtonElement = button(content.fix.label, "fix", "primary", () => {
        // The latest content's: an update with the same text keeps this popover but brings the current page's Fix.
        const run = this.content?.fix?.run;
        if (run === undefined) return;
        fix.disabled = true;
        void run().then((message) => {
          if (this.isOpen()) this.said = message;
          // The popover may have been rebuilt meanwhile (the fix changed the check result): say it in the one shown.
          const shown = this.popover.querySelector('[role="status"]');
          if (shown !== null) shown.textContent = message;
          fix.disabled = false;
        });
      });
      actions.append(fix);
      if (content.fix.note !== null) parts.push(el("p", { className: "note" }, content.fix.note));
    }
    actions.append(
      button("Close", "close", "secondary", () => {
        this.toggle(false);
        this.button.focus();
      }),
    );
    this.popover.replaceChildren(...parts, actions, status);
  }

  private isOpen(): boolean {
    return this.button.getAttribute("aria-expanded") === "true";
  }

  toggle(open = !this.isOpen()): void {
    this.button.setAttribute("aria-expanded", String(open));
    if (open && this.popoverStale && this.content !== null) this.renderPopover(this.host.ownerDocument, this.content);
    if (!open) {
      this.said = "";
      this.whileOpen?.abort();
      this.whileOpen = null;
      if (this.popover.matches(":popover-open")) this.popover.hidePopover();
      return;
    }
    if (this.whileOpen === null) {
      const doc = this.host.ownerDocument;
      this.whileOpen = new AbortController();
      doc.addEventListener("scroll", () => this.place(), { capture: true, passive: true, signal: this.whileOpen.signal });
      // The popover lives in the top layer, above any dialog: when the console opens one (a Fix's confirmation), it
      // makes way, so the dialog is what the user reads and answers.
      const dialogs = new MutationObserver(() => {
        if (consoleDialogOpen(doc)) this.toggle(false);
      });
      dialogs.observe(doc.body, { childList: true, subtree: true });
      this.whileOpen.signal.addEventListener("abort", () => dialogs.disconnect());
    }
    if (!this.popover.matches(":popover-open")) this.popover.showPopover();
    this.place();
    this.popover.querySelector<HTMLElement>("button.primary, button")?.focus();
  }

  /** Below the badge, kept inside the viewport (the top layer is positioned against the viewport). */
  place(): void {
    const rect = this.button.getBoundingClientRect();
    const view = this.host.ownerDocument.documentElement;
    const width = Math.min(420, view.clientWidth * 0.8);
    this.popover.style.left = `${Math.max(8, Math.min(rect.left, view.clientWidth - width - 8))}px`;
    this.popover.style.width = `${width}px`;
    const height = this.popover.offsetHeight;
    const below = rect.bottom + 6;
    const above = rect.top - 6 - height;
    // Below, else above; when it fits neither way (a tall popover near the bottom), as low as the viewport allows.
    const top = below + height <= view.clientHeight - 8 ? below : above >= 8 ? above : Math.max(8, view.clientHeight - height - 8);
    this.popover.style.top = `${top}px`;
  }

  get open(): boolean {
    return this.isOpen();
  }

  /** Brings the badge into view and opens it (from the summary card's links). */
  reveal(): void {
    this.host.scrollIntoView({ block: "center" });
    this.toggle(true);
  }
}
