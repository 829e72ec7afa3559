/**
 * "Set up Sentry SSO": from the realm's Clients list to a client Sentry can log in with. The wizard never saves
 * anything in the console itself: it fills the Import client page the way a user would, the user presses Save, and
 * the overlay's checks take over on the new client. Its progress lives in the background, per tab and realm, so the
 * console's navigation and a reload resume at the same step. Each step's logic and body live in steps/; this file
 * keeps the progress and puts the card together.
 */
import { presetChoiceOf } from "../../core/presets/choice.js";
import { sendMessage, type MessageResponse } from "../../platform/messages.js";
import { oncePerFrame } from "../dom.js";
import { navigateInRealm } from "../navigation.js";
import type { ConsolePage } from "../../core/keycloak/console-routes.js";
import { createClientStep, IMPORT_CLIENT_LINK, IMPORTED_CLIENT_ID } from "../create-client-selectors.js";
import { WizardCard } from "./card.js";
import type { OverlayState } from "../overlay/state.js";
import type { RunningWizard, WizardHub } from "./hub.js";
import type { CreateStep, WhereErrors, WhereInput, WizardModel } from "./model.js";
import { loadProgress, saveProgress, type WizardProgress } from "./progress.js";
import { checkTabOf } from "./steps/checks.js";
import { whereOutcome } from "./steps/where.js";
import { fillCreateClientStep } from "./steps/create.js";
import { chooseImportFile, importFilledStatus, showFileSwitches } from "./steps/import.js";
import { LoginRunner } from "./steps/login.js";
import { ClientWalk } from "./steps/walk.js";
import { DescriptorReader } from "./steps/sentry.js";

type Prepared = MessageResponse<"wizard.prepare">;

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
  private readonly card: WizardCard;
  private readonly descriptor = new DescriptorReader(() => this.render());
  private readonly login: LoginRunner;
  private readonly walk: ClientWalk;
  /** The Create client step last rendered (the console switches steps without a route change). */
  private createShown: string | null = null;

  constructor(
    private readonly doc: Document,
    private readonly hub: WizardHub,
  ) {
    this.walk = new ClientWalk({
      doc,
      hub,
      progress: () => this.progress,
      page: () => this.page,
      update: (change) => this.update(change),
      say: (status) => {
        this.status = status;
      },
      render: () => this.render(),
      navigate: (route) => this.navigate(route),
      whileBusy: (work) => this.whileBusy(work),
    });
    this.login = new LoginRunner({
      keycloakUrl: hub.keycloakUrl,
      current: () => (this.progress === null || this.page.realm === null ? null : { progress: this.progress, realm: this.page.realm }),
      started: (since, added) => this.update({ loginSince: since, loginRecorded: [...new Set([...(this.progress?.loginRecorded ?? []), ...added])] }),
      changed: () => this.render(),
    });
    this.card = new WizardCard(doc, {
      submitWhere: (input) => void this.submitWhere(input),
      openImportPage: () => this.openImportPage(),
      fillImportForm: () => void this.fillImportForm(),
      openClient: () => {
        if (this.progress?.clientUuid !== undefined) this.navigate(`clients/${this.progress.clientUuid}/settings`);
      },
      goTo: (step) => this.update({ step }),
      openCheckTab: () => this.walk.openCheckTab(checkTabOf(this.progress)),
      fixAllHere: () => void this.walk.fixAllHere(),
      cancel: () => void this.end("Set up Sentry SSO was cancelled; nothing was changed in the console."),
      finish: () => void this.end(""),
      chooseByHand: () => this.update({ step: "create" }),
      openCreatePage: () => this.navigate("clients/add-client"),
      fillCreateStep: () => void this.fillCreateStep(),
      openScopes: () => this.walk.openScopes(),
      runMapperTask: (task) => this.walk.runMapperTask(task),
      startLogin: (from) => void this.login.start(from),
      openRecorder: () => void sendMessage("wizard.recorder.open", {}).catch(() => undefined),
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

  /** The overlay's state after each of its renders (steps 3–4 follow it). */
  onOverlayState(state: OverlayState): void {
    this.walk.onOverlayState(state);
  }

  /** The overlay checked a client. */
  onChecked(clientUuid: string): void {
    if (this.progress?.step === "checks" && this.progress.clientUuid === clientUuid) this.render();
  }

  private async load(realm: string): Promise<void> {
    const progress = await loadProgress(realm);
    if (this.loadedRealm !== realm) return;
    this.progress = progress;
    if (progress !== null && progress.step !== "where") await this.prepare(progress);
    if (progress?.step === "login" && progress.loginSince !== undefined) this.login.resume();
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
    this.login.stop();
    // What the test login started, the wizard stops: the recorder records those sites no more.
    const recorded = this.progress?.loginRecorded ?? [];
    if (recorded.length > 0) await sendMessage("wizard.login.stop", { patterns: recorded }).catch(() => undefined);
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
    const preset = presetChoiceOf(input);
    const spMetadata = input.spMetadata === undefined ? {} : { spMetadata: input.spMetadata };
    try {
      this.prepared = await sendMessage("wizard.prepare", { preset, ...spMetadata, keycloakUrl: this.hub.keycloakUrl, realm });
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
    const outcome = prepared === null ? null : whereOutcome(prepared);
    if (outcome === null || "errors" in outcome) {
      if (outcome !== null) this.errors = outcome.errors;
      this.render();
      return;
    }
    // From here on the metadata has become Sentry's URL and slug; Back shows them.
    this.spMetadata = null;
    this.update({ step: "import", ...outcome.where });
  }

  private openImportPage(): void {
    const link = this.doc.querySelector<HTMLElement>(IMPORT_CLIENT_LINK);
    if (link !== null) link.click();
    else this.navigate("clients/import-client");
  }

  private navigate(route: string): void {
    navigateInRealm(this.page.realm ?? "", route);
  }

  /** Work that fills in the console's form: the card is busy meanwhile, then says what happened. */
  private async whileBusy(work: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.render();
    this.status = await work();
    this.busy = false;
    this.render();
  }

  private async fillImportForm(): Promise<void> {
    const progress = this.progress;
    if (progress === null) return;
    await this.whileBusy(async () => {
      const prepared = this.prepared?.ok === true ? this.prepared : await this.prepare(progress);
      const chosen = prepared?.ok === true && (await chooseImportFile(this.doc, prepared.clientJson));
      const shown = chosen && prepared?.ok === true && (await showFileSwitches(this.doc, prepared.clientId, prepared.clientJson));
      return importFilledStatus(prepared?.ok === true ? prepared.clientId : null, chosen, shown);
    });
  }

  private readonly queuePlace = oncePerFrame(() => {
    this.noticeSavedClient();
    if (this.progress?.step === "create" && this.createShown !== this.createStep()) this.render();
  });

  private createStep(): CreateStep | null {
    return this.page.kind === "add-client" ? createClientStep(this.doc) : null;
  }

  private fillCreateStep(): Promise<void> {
    return this.whileBusy(() => fillCreateClientStep(this.doc, this.prepared?.ok === true ? this.prepared.clientJson : null, this.createStep()));
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

  private render(): void {
    // content.js shows the start button only while no card is shown.
    this.hub.onWizardChange();
    if (this.progress === null || this.page.realm === null) {
      this.card.host.remove();
      return;
    }
    if (!this.card.host.isConnected) this.doc.body.append(this.card.host);
    const uuid = this.progress.clientUuid;
    const { checks, mappers } = this.walk.views();
    const model: WizardModel = {
      progress: this.progress,
      realm: this.page.realm,
      busy: this.busy,
      status: this.status,
      errors: this.errors,
      spMetadata: this.progress.step === "where" ? this.spMetadata : null,
      warnings: this.prepared?.warnings ?? [],
      clientId: this.prepared?.clientId ?? "",
      onImportPage: this.page.kind === "import-client",
      onClientPage: this.walk.shownClient() !== null,
      remaining: uuid === undefined ? null : (this.hub.remaining.get(uuid) ?? null),
      checks,
      sentrySide: this.prepared?.sentrySide ?? null,
      descriptor: this.descriptor.read(this.progress.step === "sentry" ? (this.prepared?.sentrySide?.metadataUrl ?? null) : null),
      onCreatePage: this.page.kind === "add-client",
      createStep: this.createStep(),
      mappers,
      login: this.login.view(),
    };
    this.createShown = model.createStep;
    this.card.render(model);
  }
}
