/**
 * "Set up Sentry SSO": from the realm's Clients list to a client Sentry can log in with. The wizard never saves
 * anything in the console itself: it fills the Import client page the way a user would, the user presses Save, and
 * the overlay's checks take over on the new client. Its progress lives in the background, per tab and realm, so the
 * console's navigation and a reload resume at the same step.
 */
import { sendContentMessage, type ContentMessageResponse } from "../../platform/messages.js";
import { findingTab } from "../findings.js";
import type { ConsolePage } from "../route.js";
import { IMPORT_CLIENT_LINK, IMPORTED_CLIENT_ID, tabLink } from "../selectors.js";
import type { OverlayState, RunningWizard, WizardHub } from "./hub.js";
import { fetchDescriptor, type Descriptor } from "./descriptor.js";
import { chooseImportFile } from "./import-file.js";
import { CHECK_TAB_TITLES, CHECK_TABS, WizardPanel, type CheckTab, type ChecksView, type PanelModel, type WhereErrors, type WhereInput } from "./panel.js";
import { loadProgress, saveProgress, type WizardProgress } from "./progress.js";

type Prepared = ContentMessageResponse<"wizard.prepare">;

export class SetupWizard implements RunningWizard {
  private page: ConsolePage = { kind: "other", realm: null };
  private progress: WizardProgress | null = null;
  private loadedRealm: string | null = null;
  private prepared: Prepared | null = null;
  private status = "";
  private errors: WhereErrors = {};
  /** Step 1's pasted SP metadata while the user works on it (too large and too transient for the stored progress). */
  private spMetadata: string | null = null;
  private busy = false;
  private descriptor: { readonly url: string; value: Descriptor } | null = null;
  /** The checks view last rendered: the overlay reports on every render, the panel changes only with what it shows. */
  private checksShown = "";
  private readonly panel: WizardPanel;
  private placeQueued = false;

  constructor(
    private readonly doc: Document,
    private readonly hub: WizardHub,
  ) {
    this.panel = new WizardPanel(doc, {
      submitWhere: (input) => void this.submitWhere(input),
      openImportPage: () => this.openImportPage(),
      fillImportForm: () => void this.fillImportForm(),
      openClient: () => {
        if (this.progress?.clientUuid !== undefined) this.navigate(`clients/${this.progress.clientUuid}/settings`);
      },
      goTo: (step) => this.update({ step }),
      openCheckTab: () => this.openCheckTab(this.progress?.checkTab ?? "settings"),
      fixAllHere: () => void this.fixAllHere(),
      cancel: () => void this.end("Set up Sentry SSO was cancelled; nothing was changed in the console."),
      finish: () => void this.end(""),
    });
    // The new client's form renders after the route changes: notice the saved client when the console shows it.
    new MutationObserver(() => this.queuePlace()).observe(doc.body, { childList: true, subtree: true });
    this.onPage(hub.page);
  }

  active(): boolean {
    return this.progress !== null;
  }

  resume(): void {
    if (this.page.realm === null) return;
    this.status = "";
    this.errors = {};
    void this.load(this.page.realm);
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

  /**
   * Steps 3–4 walk the new client's tabs with the overlay: a tab is done when the overlay finds no error or warning on
   * it in what the console saved (no unsaved edits), and the wizard then opens the next one.
   */
  onOverlayState(state: OverlayState): void {
    const progress = this.progress;
    if (progress?.step !== "checks" || state.route.clientUuid !== progress.clientUuid) return;
    const tab = progress.checkTab ?? "settings";
    if (state.route.tab === tab && !state.route.dedicatedScope && state.checked && !state.unsaved && this.tabFindings(state, tab).length === 0) {
      const next = CHECK_TABS[CHECK_TABS.indexOf(tab) + 1];
      if (next !== undefined) {
        this.update({ checkTab: next });
        this.status = `${CHECK_TAB_TITLES[tab]}: nothing left to fix, and saved. Next: ${CHECK_TAB_TITLES[next]}.`;
        this.openCheckTab(next);
        return;
      }
    }
    const view = JSON.stringify(this.checksView());
    if (view !== this.checksShown) this.render();
  }

  private tabFindings(state: OverlayState, tab: CheckTab): OverlayState["outcomes"] {
    return state.outcomes.filter(({ finding }) => (finding.severity === "error" || finding.severity === "warning") && findingTab(finding) === tab);
  }

  private checksView(): ChecksView | null {
    const progress = this.progress;
    if (progress?.step !== "checks" || progress.clientUuid === undefined) return null;
    const tab = progress.checkTab ?? "settings";
    const state = this.hub.overlay;
    const onTab = this.page.kind === "client" && this.page.client.clientUuid === progress.clientUuid && this.page.client.tab === tab && !this.page.client.dedicatedScope;
    const current = onTab && state !== null && state.route.clientUuid === progress.clientUuid && state.route.tab === tab ? state : null;
    const findings = current === null ? [] : this.tabFindings(current, tab);
    return {
      tab,
      onTab,
      checked: current?.checked === true,
      findings: findings.map(({ finding }) => ({ severity: finding.severity, message: finding.message, fix: finding.fix })),
      fixable: current?.fixableHere ?? 0,
      unsaved: current?.unsaved === true,
      done: tab === CHECK_TABS[CHECK_TABS.length - 1] && current?.checked === true && !current.unsaved && findings.length === 0,
    };
  }

  private openCheckTab(tab: CheckTab): void {
    const uuid = this.progress?.clientUuid;
    if (uuid === undefined) return;
    const onClient = this.page.kind === "client" && this.page.client.clientUuid === uuid;
    const link = onClient ? tabLink(this.doc, tab) : null;
    if (link !== null) link.click();
    else this.navigate(`clients/${uuid}/${tab}`);
  }

  private async fixAllHere(): Promise<void> {
    const state = this.hub.overlay;
    if (state === null || state.route.clientUuid !== this.progress?.clientUuid) return;
    this.busy = true;
    this.render();
    const said = await state.fixAllHere();
    this.busy = false;
    this.status = said === "" ? "Nothing to change on this tab." : `${said} The wizard moves on once the console has saved.`;
    this.render();
  }

  /** The overlay checked a client: how many errors and warnings it still has. */
  onChecked(clientUuid: string, _remaining: number): void {
    if (this.progress?.step === "checks" && this.progress.clientUuid === clientUuid) this.render();
  }

  private async load(realm: string): Promise<void> {
    const progress = await loadProgress(realm);
    if (this.loadedRealm !== realm) return;
    this.progress = progress;
    if (progress !== null && progress.step !== "where") await this.prepare(progress);
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

  private async prepare(input: WhereInput): Promise<Prepared | null> {
    const realm = this.page.realm;
    if (realm === null) return null;
    const preset = input.kind === "sentry-saas" ? { kind: input.kind, orgSlug: input.orgSlug } : { kind: input.kind, urlPrefix: input.urlPrefix, orgSlug: input.orgSlug };
    const spMetadata = input.spMetadata === undefined ? {} : { spMetadata: input.spMetadata };
    try {
      this.prepared = await sendContentMessage("wizard.prepare", { preset, ...spMetadata, keycloakUrl: this.hub.keycloakUrl, realm });
    } catch (error) {
      this.prepared = null;
      this.errors = { other: `SAML Lens could not prepare the client: ${error instanceof Error ? error.message : String(error)}` };
    }
    return this.prepared;
  }

  private async submitWhere(input: WhereInput): Promise<void> {
    if (this.progress === null) return;
    this.busy = true;
    this.errors = {};
    this.spMetadata = input.spMetadata ?? null;
    this.progress = { ...this.progress, kind: input.kind, urlPrefix: input.urlPrefix, orgSlug: input.orgSlug };
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
    // From here on the metadata has become Sentry's URL and slug; Back shows them.
    this.spMetadata = null;
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
      this.noticeSavedClient();
    });
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

  /** Read once per URL, when the Sentry step first shows it. */
  private descriptorFor(url: string | null): Descriptor | null {
    if (url === null) return null;
    if (this.descriptor?.url !== url) {
      const entry: { readonly url: string; value: Descriptor } = { url, value: { kind: "loading" } };
      this.descriptor = entry;
      void fetchDescriptor(url).then((value) => {
        entry.value = value;
        if (this.descriptor === entry) this.render();
      });
    }
    return this.descriptor.value;
  }

  private render(): void {
    // content.js shows the start button only while no panel is shown.
    this.hub.onWizardChange();
    if (this.progress === null || this.page.realm === null) {
      this.panel.host.remove();
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
      spMetadata: this.progress.step === "where" ? this.spMetadata : null,
      warnings: this.prepared?.warnings ?? [],
      clientId: this.prepared?.clientId ?? "",
      onImportPage: this.page.kind === "import-client",
      onClientPage: this.page.kind === "client" && uuid !== undefined && this.page.client.clientUuid === uuid,
      remaining: uuid === undefined ? null : (this.hub.remaining.get(uuid) ?? null),
      checks: this.checksView(),
      sentrySide: this.prepared?.sentrySide ?? null,
      descriptor: this.descriptorFor(this.progress.step === "sentry" ? (this.prepared?.sentrySide?.metadataUrl ?? null) : null),
    };
    this.checksShown = JSON.stringify(model.checks);
    this.panel.render(model);
  }
}
