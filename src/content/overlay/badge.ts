/**
 * A badge next to a checked field: ok / warning / error in a shadow root, a real button (keyboard reachable, named for
 * screen readers), and a popover with the expected and current value, why, the source, and a Fix button.
 */
import { consoleValue, fieldLocation, type BadgeState, type Finding } from "../findings.js";
import { OVERLAY_ATTRIBUTE } from "../dom.js";
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
}

const STATE_TEXT: Record<BadgeState, string> = { error: "Error", warning: "Warning", suggestion: "Suggestion", info: "Info", ok: "OK" };

let nextId = 0;

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

  /**
   * A badge outlives the overlay that made it: the next client's page reuses it for the same field (see overlay.ts),
   * so its own listeners live as long as its elements, and a Fix runs whatever the latest content says.
   */
  constructor(doc: Document, key: string) {
    this.host = doc.createElement("span");
    this.host.setAttribute(OVERLAY_ATTRIBUTE, "badge");
    this.host.dataset.field = key;
    this.shadow = this.host.attachShadow({ mode: "open" });
    applyStyles(this.shadow, BADGE_CSS);
    this.button = doc.createElement("button");
    this.button.type = "button";
    this.button.className = "badge";
    this.button.setAttribute("aria-expanded", "false");
    this.popover = doc.createElement("div");
    this.popover.className = "popover";
    // The top layer keeps the popover above the console's form groups and the fixed Save bar.
    this.popover.setAttribute("popover", "manual");
    this.popover.id = `saml-lens-popover-${(nextId += 1)}`;
    this.popover.setAttribute("role", "dialog");
    this.button.setAttribute("aria-controls", this.popover.id);
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
    const signature = JSON.stringify([content.state, content.name, content.findings, content.fix?.label, content.fix?.note, content.dark]);
    this.content = content;
    if (signature === this.signature) return;
    this.signature = signature;
    const doc = this.host.ownerDocument;
    this.host.dataset.state = content.state;
    this.host.dataset.theme = content.dark ? "dark" : "light";
    const first = content.findings[0];
    const label = first?.field.label ?? content.name;
    this.button.className = `badge ${content.state}`;
    this.button.replaceChildren(doc.createElement("span"), doc.createTextNode(content.state === "ok" ? "OK" : STATE_TEXT[content.state]));
    this.button.firstElementChild?.classList.add("dot");
    this.button.setAttribute(
      "aria-label",
      content.state === "ok"
        ? `SAML Lens: ${label} is as Sentry expects`
        : `SAML Lens ${STATE_TEXT[content.state].toLowerCase()}: ${label}. ${first?.message ?? ""}`.trim(),
    );
    this.popover.setAttribute("aria-label", `SAML Lens: ${label}`);
    this.popover.className = `popover ${content.state}`;
    // The popover's content is built when it is opened: most badges are never opened.
    this.popoverStale = true;
    if (this.isOpen()) this.renderPopover(doc, content);
  }

  private renderPopover(doc: Document, content: BadgeContent): void {
    this.popoverStale = false;
    const parts: Node[] = [];
    if (content.findings.length === 0) {
      const title = doc.createElement("h2");
      title.textContent = content.name;
      const text = doc.createElement("p");
      text.textContent = "As Sentry expects.";
      parts.push(title, text);
    }
    for (const finding of content.findings) {
      const title = doc.createElement("h2");
      title.textContent = `${STATE_TEXT[finding.severity]}: ${fieldLocation(finding)}`;
      const why = doc.createElement("p");
      why.textContent = finding.message;
      const values = doc.createElement("dl");
      for (const [term, value] of [
        ["Expected", finding.expected],
        ["Current", finding.actual],
      ] as const) {
        const dt = doc.createElement("dt");
        dt.textContent = term;
        const dd = doc.createElement("dd");
        // As the console labels it (On, EXCLUSIVE), with what Keycloak stores beside it, smaller.
        const { shown, stored } = consoleValue(finding, value);
        dd.textContent = shown;
        if (stored !== null) {
          const secondary = doc.createElement("span");
          secondary.className = "stored";
          secondary.textContent = `stored as ${stored}`;
          dd.append(" ", secondary);
        }
        values.append(dt, dd);
      }
      const how = doc.createElement("p");
      how.textContent = finding.fix;
      parts.push(title, why, values, how);
      if (/^https?:\/\//.test(finding.source)) {
        const source = doc.createElement("a");
        source.href = finding.source;
        source.target = "_blank";
        source.rel = "noopener noreferrer";
        source.textContent = "Source";
        parts.push(source);
      }
    }
    const actions = doc.createElement("div");
    actions.className = "actions";
    const status = doc.createElement("p");
    status.className = "note";
    status.setAttribute("role", "status");
    if (content.fix !== null) {
      const fix = doc.createElement("button");
      fix.type = "button";
      fix.className = "primary";
      fix.dataset.action = "fix";
      fix.textContent = content.fix.label;
      fix.addEventListener("click", () => {
        // The latest content's: an update with the same text keeps this popover but brings the current page's Fix.
        const run = this.content?.fix?.run;
        if (run === undefined) return;
        fix.disabled = true;
        void run().then((message) => {
          status.textContent = message;
          fix.disabled = false;
        });
      });
      actions.append(fix);
      if (content.fix.note !== null) {
        const note = doc.createElement("p");
        note.className = "note";
        note.textContent = content.fix.note;
        parts.push(note);
      }
    }
    const close = doc.createElement("button");
    close.type = "button";
    close.className = "secondary";
    close.textContent = "Close";
    close.addEventListener("click", () => {
      this.toggle(false);
      this.button.focus();
    });
    actions.append(close);
    this.popover.replaceChildren(...parts, actions, status);
  }

  private isOpen(): boolean {
    return this.button.getAttribute("aria-expanded") === "true";
  }

  toggle(open = !this.isOpen()): void {
    this.button.setAttribute("aria-expanded", String(open));
    if (open && this.popoverStale && this.content !== null) this.renderPopover(this.host.ownerDocument, this.content);
    if (!open) {
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
