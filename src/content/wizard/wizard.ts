/**
 * "Set up Sentry SSO": from the realm's Clients list to a client Sentry can log in with. The wizard never saves
 * anything in the console itself: it fills the Import client page the way a user would, the user presses Save, and
 * the overlay's checks take over on the new client. Its progress lives in the background, per tab and realm, so the
 * console's navigation and a reload resume at the same step.
 */
import { sendContentMessage, type ContentMessageResponse } from "../../platform/messages.js";
import { OVERLAY_ATTRIBUTE } from "../badge.js";
import type { ConsolePage } from "../route.js";
import { IMPORT_CLIENT_LINK, IMPORTED_CLIENT_ID, toolbarItem } from "../selectors.js";
import { chooseImportFile } from "./import-file.js";
import { WizardPanel, type PanelModel, type WhereErrors } from "./panel.js";
import { loadProgress, saveProgress, type WizardProgress } from "./progress.js";

type Prepared = ContentMessageResponse<"wizard.prepare">;

export interface WizardOptions {
  /** Keycloak's base URL (for the values to type into Sentry). */
  readonly keycloakUrl: string;
}

const START_BUTTON = "wizard-start";

export class SetupWizard {
  private page: ConsolePage = { kind: "other", realm: null };
  private progress: WizardProgress | null = null;
  private loadedRealm: string | null = null;
  private prepared: Prepared | null = null;
  private status = "";
  private errors: WhereErrors = {};
  private busy = false;
  private readonly remaining = new Map<string, number>();
  private readonly panel: WizardPanel;
  private startButton: HTMLElement | null = null;
  private placeQueued = false;

  constructor(
    private readonly doc: Document,
    private readonly options: WizardOptions,
  ) {
    this.panel = new WizardPanel(doc, {
      submitWhere: (input) => void this.submitWhere(input),
      openImportPage: () => this.openImportPage(),
      fillImportForm: () => void this.fillImportForm(),
      openClient: () => {
        if (this.progress?.clientUuid !== undefined) this.navigate(`clients/${this.progress.clientUuid}/settings`);
      },
      goTo: (step) => this.update({ step }),
      cancel: () => void this.end("Set up Sentry SSO was cancelled; nothing was changed in the console."),
      finish: () => void this.end(""),
    });
    // The Clients list and the new client's form render after the route changes: keep the start button in place and
    // notice the saved client when the console shows it.
    new MutationObserver(() => this.queuePlace()).observe(doc.body, { childList: true, subtree: true });
  }

  onPage(page: ConsolePage): void {
    this.page = page;
    if (page.realm !== this.loadedRealm) {
      this.loadedRealm = page.realm;
      this.progress = null;
      this.prepared = null;
      if (page.realm !== null) void this.load(page.realm);
    }
    this.queuePlace();
    this.render();
  }

  /** The overlay checked a client: how many errors and warnings it still has. */
  onChecked(clientUuid: string, remaining: number): void {
    this.remaining.set(clientUuid, remaining);
    if (this.progress?.step === "checks" && this.progress.clientUuid === clientUuid) this.render();
  }

  private async load(realm: string): Promise<void> {
    const progress = await loadProgress(realm);
    if (this.loadedRealm !== realm) return;
    this.progress = progress;
    if (progress !== null && progress.step !== "where") await this.prepare(progress);
    this.render();
  }

  private async start(): Promise<void> {
    const realm = this.page.realm;
    if (realm === null) return;
    this.status = "";
    this.errors = {};
    this.progress = this.progress ?? { step: "where", kind: "sentry-self-hosted", urlPrefix: "", orgSlug: "" };
    await saveProgress(realm, this.progress);
    this.render();
  }

  private update(change: Partial<WizardProgress>): void {
    const realm = this.page.realm;
    if (this.progress === null || realm === null) return;
    this.progress = { ...this.progress, ...change };
    this.status = "";
    void saveProgress(realm, this.progress);
    this.render();
  }

  private async end(status: string): Promise<void> {
    const realm = this.page.realm;
    this.progress = null;
    this.prepared = null;
    this.status = status;
    if (realm !== null) await saveProgress(realm, null);
    this.render();
  }

  private async prepare(input: Pick<WizardProgress, "kind" | "urlPrefix" | "orgSlug">): Promise<Prepared | null> {
    const realm = this.page.realm;
    if (realm === null) return null;
    const preset = input.kind === "sentry-saas" ? { kind: input.kind, orgSlug: input.orgSlug } : { kind: input.kind, urlPrefix: input.urlPrefix, orgSlug: input.orgSlug };
    try {
      this.prepared = await sendContentMessage("wizard.prepare", { preset, keycloakUrl: this.options.keycloakUrl, realm });
    } catch (error) {
      this.prepared = null;
      this.errors = { other: `SAML Lens could not prepare the client: ${error instanceof Error ? error.message : String(error)}` };
    }
    return this.prepared;
  }

  private async submitWhere(input: Pick<WizardProgress, "kind" | "urlPrefix" | "orgSlug">): Promise<void> {
    if (this.progress === null) return;
    this.busy = true;
    this.errors = {};
    this.progress = { ...this.progress, ...input };
    this.render();
    const prepared = await this.prepare(input);
    this.busy = false;
    if (prepared === null) {
      this.render();
      return;
    }
    if (!prepared.ok || prepared.preset === null) {
      const errors: { -readonly [K in keyof WhereErrors]: string } = {};
      for (const error of prepared.errors) errors[error.field] = error.message;
      this.errors = errors;
      this.render();
      return;
    }
    const normalized = prepared.preset;
    this.update({ step: "import", kind: normalized.kind, urlPrefix: normalized.kind === "sentry-self-hosted" ? normalized.urlPrefix : "", orgSlug: normalized.orgSlug });
  }

  private openImportPage(): void {
    const link = this.doc.querySelector<HTMLElement>(IMPORT_CLIENT_LINK);
    if (link !== null) link.click();
    else this.navigate("clients/import-client");
  }

  /** Another console route of this realm, under the router the console uses (hash or path). */
  private navigate(route: string): void {
    const realm = encodeURIComponent(this.page.realm ?? "");
    if (location.hash.startsWith("#/")) {
      location.hash = `#/${realm}/${route}`;
      return;
    }
    const root = /^(.*\/admin\/[^/]+\/console)/.exec(location.pathname)?.[1] ?? "";
    history.pushState(null, "", `${root}/${realm}/${route}`);
    dispatchEvent(new PopStateEvent("popstate"));
  }

  private async fillImportForm(): Promise<void> {
    if (this.progress === null) return;
    this.busy = true;
    this.render();
    const prepared = this.prepared?.ok === true ? this.prepared : await this.prepare(this.progress);
    const chosen = prepared?.ok === true && (await chooseImportFile(this.doc, prepared.clientJson));
    this.busy = false;
    if (prepared === null || !prepared.ok) {
      this.status = "The client could not be built; go back and check the input.";
    } else if (!chosen) {
      this.status = "The console's Import client page shows no upload field; open Import client and try again.";
    } else {
      // The import form's "Encrypt assertions" and "Client signature required" switches take the attribute as a boolean,
      // so the file's text "false" shows as On, yet Save sends "false": say so before the user "fixes" them.
      this.status =
        `Filled in: the console shows client ${prepared.clientId}. Review it, then press the console's Save at the bottom of the form. ` +
        'Leave "Encrypt assertions" and "Client signature required" as they are: the file turns both off, and that is what Save sends.';
    }
    this.render();
  }

  private queuePlace(): void {
    if (this.placeQueued) return;
    this.placeQueued = true;
    requestAnimationFrame(() => {
      this.placeQueued = false;
      this.placeStartButton();
      this.noticeSavedClient();
    });
  }

  private placeStartButton(): void {
    const onList = this.page.kind === "clients" && this.progress === null;
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
    button.addEventListener("click", () => void this.start());
    shadow.append(style, button);
    return host;
  }

  /** After the user's Save the console shows the new client: its Client ID field tells it is the one we built. */
  private noticeSavedClient(): void {
    if (this.progress?.step !== "import" || this.page.kind !== "client" || this.prepared?.ok !== true) return;
    const field = this.doc.querySelector<HTMLInputElement>(IMPORTED_CLIENT_ID);
    if (field === null || field.value !== this.prepared.clientId) return;
    this.update({ step: "checks", clientUuid: this.page.client.clientUuid });
    this.status = "The console saved the client. SAML Lens now checks it.";
    this.render();
  }

  private render(): void {
    if (this.progress === null || this.page.realm === null) {
      this.panel.host.remove();
      this.queuePlace();
      return;
    }
    if (!this.panel.host.isConnected) this.doc.body.append(this.panel.host);
    const uuid = this.progress.clientUuid;
    const model: PanelModel = {
      progress: this.progress,
      realm: this.page.realm,
      busy: this.busy,
      status: this.status,
      errors: this.errors,
      warnings: this.prepared?.warnings ?? [],
      clientId: this.prepared?.clientId ?? "",
      onImportPage: this.page.kind === "import-client",
      onClientPage: this.page.kind === "client" && uuid !== undefined && this.page.client.clientUuid === uuid,
      remaining: uuid === undefined ? null : (this.remaining.get(uuid) ?? null),
      sentrySide: this.prepared?.sentrySide ?? null,
    };
    this.panel.render(model);
  }
}
