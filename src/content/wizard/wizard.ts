/**
 * "Set up Sentry SSO": from the realm's Clients list to a client Sentry can log in with. The wizard never saves
 * anything in the console itself: it fills the Import client page the way a user would, the user presses Save, and
 * the overlay's checks take over on the new client. Its progress lives in the background, per tab and realm, so the
 * console's navigation and a reload resume at the same step.
 */
import { sendContentMessage, type ContentMessageResponse } from "../../platform/messages.js";
import type { OverlayPreset } from "../../platform/storage.js";
import { findingTab } from "../findings.js";
import { navigateWithinClient, wait, waitFor } from "../fix.js";
import { parseConsolePath, realmRoute, routeHref, sameRoute, type ConsolePage } from "../../core/keycloak/console-routes.js";
import { realmDescriptorUrl } from "../../core/keycloak/urls.js";
import { IMPORT_CLIENT_LINK, IMPORTED_CLIENT_ID, tabLink } from "../selectors.js";
import type { OverlayState, RunningWizard, WizardHub } from "./hub.js";
import { createClientStep, createValuesFrom, fillGeneralSettings, fillLoginSettings, pointAtSubmit } from "./create-client.js";
import { fetchDescriptor, type Descriptor } from "./descriptor.js";
import { chooseImportFile } from "./import-file.js";
import { loginUrls, type LoginState, type LoginView } from "./login-step.js";
import { mapperTasks, askScopeRemoval, scopeRemovalState, type MapperTask } from "./mapper-step.js";
import { CHECK_TAB_TITLES, CHECK_TABS, WizardPanel, type CheckTab, type ChecksView, type MappersView, type PanelModel, type WhereErrors, type WhereInput } from "./panel.js";
import { loadProgress, saveProgress, type WizardProgress } from "./progress.js";

/** How often step 6 asks the background for the recorded response, and for how long. */
const VERDICT_POLL_MS = 1000;
const VERDICT_WAIT_MS = 10 * 60_000;

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
  /** The Create client step last rendered (the console switches steps without a route change). */
  private createShown: string | null = null;
  private login: LoginState = { kind: "idle" };
  private verdictTimer: ReturnType<typeof setTimeout> | undefined;
  private idpMetadata: string | undefined;

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
      openCheckTab: () => this.openCheckTab(this.checkTab()),
      fixAllHere: () => void this.fixAllHere(),
      cancel: () => void this.end("Set up Sentry SSO was cancelled; nothing was changed in the console."),
      finish: () => void this.end(""),
      chooseByHand: () => this.update({ step: "create" }),
      openCreatePage: () => this.navigate("clients/add-client"),
      fillCreateStep: () => void this.fillCreateStep(),
      openScopes: () => this.openScopes(),
      runMapperTask: (task) => this.runMapperTask(task),
      startLogin: (from) => void this.startLogin(from),
      openRecorder: () => void sendContentMessage("wizard.recorder.open", {}).catch(() => undefined),
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
    if ((progress?.step !== "checks" && progress?.step !== "mappers") || state.route.clientUuid !== progress.clientUuid) return;
    const tab = this.checkTab();
    if (progress.step === "checks" && state.route.tab === tab && !state.route.dedicatedScope && state.checked && !state.unsaved && this.tabFindings(state, tab).length === 0) {
      const next = CHECK_TABS[CHECK_TABS.indexOf(tab) + 1];
      this.update(next === undefined ? { step: "mappers" } : { checkTab: next });
      this.status = `${CHECK_TAB_TITLES[tab]}: nothing left to fix, and saved. Next: ${next === undefined ? "the mappers, on Client scopes" : CHECK_TAB_TITLES[next]}.`;
      if (next === undefined) this.openScopes();
      else this.openCheckTab(next);
      return;
    }
    const view = JSON.stringify([this.checksView(), this.mappersView()]);
    if (view !== this.checksShown) this.render();
  }

  /** Progress saved before step 4 existed may name Client scopes as step 3's tab. */
  private checkTab(): CheckTab {
    const tab = this.progress?.checkTab;
    return tab === undefined || tab === "clientScopes" ? "settings" : tab;
  }

  private tabFindings(state: OverlayState, tab: CheckTab): OverlayState["outcomes"] {
    return state.outcomes.filter(({ finding }) => (finding.severity === "error" || finding.severity === "warning") && findingTab(finding) === tab);
  }

  private mappersView(): MappersView | null {
    const progress = this.progress;
    if (progress?.step !== "mappers" || progress.clientUuid === undefined) return null;
    const client = this.page.kind === "client" && this.page.client.clientUuid === progress.clientUuid ? this.page.client : null;
    const onScopes = client?.tab === "clientScopes";
    const onMapperForm = client?.dedicatedPage?.kind === "mapper";
    const state = this.hub.overlay;
    const current = onScopes && state !== null && sameRoute(state.route, client) ? state : null;
    const tasks = current === null ? [] : mapperTasks(current.outcomes);
    const checked = current?.checked === true;
    return {
      onScopes,
      onSetup: onScopes && client?.dedicatedScope === false,
      onMapperForm,
      checked,
      tasks,
      unsaved: current?.unsaved === true,
      done: checked && !onMapperForm && current?.unsaved !== true && tasks.length === 0,
    };
  }

  private openScopes(): void {
    const uuid = this.progress?.clientUuid;
    if (uuid === undefined) return;
    const client = this.page.kind === "client" && this.page.client.clientUuid === uuid ? this.page.client : null;
    const link = client !== null && !client.dedicatedScope ? tabLink(this.doc, "clientScopes") : null;
    if (link !== null) link.click();
    else this.navigate(`clients/${uuid}/clientScopes`);
  }

  private runMapperTask(task: MapperTask): void {
    const uuid = this.progress?.clientUuid;
    const action = task.action;
    const client = this.page.kind === "client" && this.page.client.clientUuid === uuid ? this.page.client : null;
    if (uuid === undefined || action === null || client === null) return;
    switch (action.kind) {
      case "add-mapper":
      case "open-mapper":
        // The overlay of the form's page (content.js) fills it in, exactly as after its own Fix.
        this.hub.prefillMapperForm(uuid, action.page, action.values);
        navigateWithinClient(client, action.page);
        this.status = "SAML Lens opens the mapper's form and fills it in: review it, then press the form's Save.";
        break;
      case "remove-scope":
        if (client.tab !== "clientScopes" || client.dedicatedScope) this.openScopes();
        void this.showScopeRemoval(action.scope);
        break;
      case "open":
        navigateWithinClient(client, action.page);
        break;
    }
    this.render();
  }

  /** The scope's row renders once the console has fetched the client's scopes (after opening Client scopes). */
  private async showScopeRemoval(scope: string): Promise<void> {
    // After the click that asked for it has finished (the menu closes on any click outside it once open), and again
    // while it is not open: the console may draw the row before its menu answers, or redraw it when its list reloads.
    await wait(50);
    let asked = Number.NEGATIVE_INFINITY;
    const shown = await waitFor(() => {
      const state = scopeRemovalState(this.doc, scope);
      if (state === "open") return true;
      if (state === "closed" && performance.now() - asked > 1500) {
        askScopeRemoval(this.doc, scope);
        asked = performance.now();
      }
      return null;
    }, 20_000);
    this.status =
      shown === null
        ? `${scope} is not in the client's list of scopes here.`
        : `${scope}'s menu is open: click Remove, then confirm in the console's dialog (Sentry reads no roles). ` +
          `Or leave it and turn Single Role Attribute On in Client scopes › ${scope} › Mappers (that changes it for every client of the realm).`;
    this.render();
  }

  private checksView(): ChecksView | null {
    const progress = this.progress;
    if (progress?.step !== "checks" || progress.clientUuid === undefined) return null;
    const tab = this.checkTab();
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
    if (progress?.step === "login" && progress.loginSince !== undefined && this.login.kind === "idle") {
      this.login = { kind: "waiting" };
      this.pollVerdict(Date.now());
    }
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
    clearTimeout(this.verdictTimer);
    this.login = { kind: "idle" };
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
    const target = realmRoute(this.page.realm ?? "", route);
    if (location.hash.startsWith("#/")) {
      location.hash = routeHref(null, target);
      return;
    }
    const root = parseConsolePath(location.pathname)?.root ?? "";
    history.pushState(null, "", routeHref(root, target));
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
      if (this.progress?.step === "create" && this.createShown !== this.createStep()) this.render();
    });
  }

  private createStep(): ReturnType<typeof createClientStep> {
    return this.page.kind === "add-client" ? createClientStep(this.doc) : null;
  }

  private async fillCreateStep(): Promise<void> {
    const values = this.prepared?.ok === true ? createValuesFrom(this.prepared.clientJson) : null;
    const step = this.createStep();
    if (values === null || step === null) {
      this.status = values === null ? "The client could not be built; go back and check the input." : "The console's Create client form is not shown.";
      this.render();
      return;
    }
    this.busy = true;
    this.render();
    const report = step === "general" ? await fillGeneralSettings(this.doc, values) : await fillLoginSettings(this.doc, values);
    pointAtSubmit(this.doc);
    this.busy = false;
    const press = step === "general" ? "Next" : "Save";
    this.status = [`Filled in (outlined): review, then press the console's ${press}.`, ...report.problems].join(" ");
    this.render();
  }

  /** After the user's Save the console shows the new client: its Client ID field tells it is the one we built. */
  private noticeSavedClient(): void {
    const step = this.progress?.step;
    if ((step !== "import" && step !== "create") || this.page.kind !== "client" || this.prepared?.ok !== true) return;
    const field = this.doc.querySelector<HTMLInputElement>(IMPORTED_CLIENT_ID);
    if (field === null || field.value !== this.prepared.clientId) return;
    this.update({ step: "checks", clientUuid: this.page.client.clientUuid, checkTab: "settings" });
    this.status = "The console saved the client. SAML Lens now checks it.";
    this.render();
  }

  private preset(): OverlayPreset | null {
    const progress = this.progress;
    if (progress === null) return null;
    return progress.kind === "sentry-saas" ? { kind: "sentry-saas", orgSlug: progress.orgSlug } : { kind: "sentry-self-hosted", urlPrefix: progress.urlPrefix, orgSlug: progress.orgSlug };
  }

  private loginView(): LoginView | null {
    const realm = this.page.realm;
    if (this.progress?.step !== "login" || realm === null) return null;
    const { idpInitiatedUrl, sentryLoginUrl } = loginUrls(this.progress, this.hub.keycloakUrl, realm);
    return { idpInitiatedUrl, sentryLoginUrl, state: this.login };
  }

  private async startLogin(from: "keycloak" | "sentry"): Promise<void> {
    const realm = this.page.realm;
    if (this.progress === null || realm === null) return;
    clearTimeout(this.verdictTimer);
    const urls = loginUrls(this.progress, this.hub.keycloakUrl, realm);
    this.login = { kind: "starting" };
    this.render();
    try {
      const started = await sendContentMessage("wizard.login.start", {
        consoleOrigin: location.origin,
        sentryUrl: urls.acsUrl,
        loginUrl: from === "keycloak" ? urls.idpInitiatedUrl : urls.sentryLoginUrl,
      });
      if (!started.started) {
        this.login = { kind: "blocked", reason: started.reason ?? "The recorder could not start." };
      } else {
        this.login = { kind: "waiting" };
        this.update({ loginSince: started.since });
        this.pollVerdict(Date.now());
      }
    } catch (error) {
      this.login = { kind: "blocked", reason: `The recorder could not start: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.render();
  }

  private pollVerdict(startedAt: number): void {
    clearTimeout(this.verdictTimer);
    this.verdictTimer = setTimeout(() => void this.askVerdict(startedAt), VERDICT_POLL_MS);
  }

  private async askVerdict(startedAt: number): Promise<void> {
    const realm = this.page.realm;
    const since = this.progress?.loginSince;
    const preset = this.preset();
    if (this.progress?.step !== "login" || since === undefined || realm === null || preset === null || this.login.kind !== "waiting") return;
    if (this.idpMetadata === undefined) {
      const descriptor = await fetchDescriptor(realmDescriptorUrl(this.hub.keycloakUrl, realm));
      if (descriptor.kind === "loaded") this.idpMetadata = descriptor.xml;
    }
    try {
      const verdict = await sendContentMessage("recorder.verdict", {
        since,
        preset,
        keycloakUrl: this.hub.keycloakUrl,
        realm,
        ...(this.idpMetadata === undefined ? {} : { idpMetadata: this.idpMetadata }),
      });
      if (this.login.kind !== "waiting") return;
      if (verdict.found) {
        this.login = { kind: "verdict", verdict };
        this.render();
        return;
      }
      if (verdict.problem !== undefined) {
        this.login = { kind: "blocked", reason: verdict.problem };
        this.render();
        return;
      }
    } catch {
      // The background restarted: ask again.
    }
    if (Date.now() - startedAt < VERDICT_WAIT_MS) this.pollVerdict(startedAt);
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
      onCreatePage: this.page.kind === "add-client",
      createStep: this.createStep(),
      mappers: this.mappersView(),
      login: this.loginView(),
    };
    this.checksShown = JSON.stringify([model.checks, model.mappers]);
    this.createShown = model.createStep;
    this.panel.render(model);
  }
}
