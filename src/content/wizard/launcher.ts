/**
 * The part of "Set up Sentry SSO" that lives in content.js: the start button on the realm's Clients list, and asking
 * the background to inject the wizard (wizard.js) when the user starts it or when this tab has progress for the realm
 * (a reload, or the user came back to the console).
 */
import { sendMessage } from "../../platform/overlay-messages.js";
import { OVERLAY_ATTRIBUTE, oncePerFrame } from "../dom.js";
import { leaveForMapperForm } from "../overlay/mapper-form.js";
import type { ConsolePage } from "../../core/keycloak/console-routes.js";
import { toolbarItem } from "../selectors.js";
import { IMPORT_CLIENT_LINK } from "../create-client-selectors.js";
import type { OverlayState } from "../overlay/state.js";
import { installHub, type WizardHub } from "./hub.js";

const START_BUTTON = "wizard-start";

export class WizardLauncher {
  private readonly hub: WizardHub;
  private askedRealm: string | null = null;
  private startButton: HTMLElement | null = null;

  constructor(
    private readonly doc: Document,
    keycloakUrl: string,
  ) {
    this.hub = installHub({
      keycloakUrl,
      page: { kind: "other", realm: null },
      remaining: new Map(),
      overlay: null,
      wizard: null,
      onWizardChange: () => this.queuePlace(),
      prefillMapperForm: leaveForMapperForm,
    });
    // The Clients list renders after the route changes: keep the start button among its toolbar actions.
    new MutationObserver(() => this.queuePlace()).observe(doc.body, { childList: true, subtree: true });
  }

  onPage(page: ConsolePage): void {
    this.hub.page = page;
    this.hub.wizard?.onPage(page);
    if (page.realm !== null && page.realm !== this.askedRealm && this.hub.wizard === null) {
      this.askedRealm = page.realm;
      void this.open(page.realm, false);
    }
    this.queuePlace();
  }

  onChecked(clientUuid: string, remaining: number): void {
    this.hub.remaining.set(clientUuid, remaining);
    this.hub.wizard?.onChecked(clientUuid);
  }

  onOverlayState(state: OverlayState): void {
    this.hub.overlay = state;
    this.hub.wizard?.onOverlayState(state);
  }

  /** `start`: begin at the first step when this tab has no progress for the realm; else only resume what exists. */
  private async open(realm: string, start: boolean): Promise<void> {
    try {
      await sendMessage("wizard.open", { origin: location.origin, realm, start });
    } catch {
      // The extension was reloaded or updated under this page: its content script is orphaned and can do nothing.
    }
  }

  private readonly queuePlace = oncePerFrame(() => this.placeStartButton());

  private placeStartButton(): void {
    const onList = this.hub.page.kind === "clients" && this.hub.wizard?.active() !== true;
    const importLink = onList ? this.doc.querySelector(IMPORT_CLIENT_LINK) : null;
    if (importLink === null) {
      this.startButton?.remove();
      return;
    }
    if (this.startButton === null) this.startButton = this.createStartButton();
    // After the toolbar item that holds the Import client link, so it sits among the console's own actions.
    const item = toolbarItem(importLink);
    if (item.nextElementSibling !== this.startButton) item.after(this.startButton);
  }

  private createStartButton(): HTMLElement {
    const host = this.doc.createElement("span");
    host.setAttribute(OVERLAY_ATTRIBUTE, START_BUTTON);
    host.style.marginLeft = "8px";
    host.style.display = "inline-flex";
    const shadow = host.attachShadow({ mode: "open" });
    const button = this.doc.createElement("button");
    button.type = "button";
    button.textContent = "Set up Sentry SSO";
    button.dataset.action = "start-wizard";
    const style = this.doc.createElement("style");
    style.textContent =
      "button{font:inherit;cursor:pointer;color:#0066cc;background:transparent;border:1px solid #0066cc;border-radius:3px;padding:6px 16px}" +
      "button:focus-visible{outline:2px solid #0066cc;outline-offset:2px}";
    button.addEventListener("click", () => {
      const realm = this.hub.page.realm;
      if (realm !== null) void this.open(realm, true);
    });
    shadow.append(style, button);
    return host;
  }
}
