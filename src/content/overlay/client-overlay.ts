/**
 * The overlay on one client page: from entering a client route until leaving it (everything hangs on one
 * AbortSignal). Knows the saved client from the console's own responses (page bridge) and the unsaved one from the
 * form, asks the background to check it, and keeps the summary card and the badges of the shown tab in place while
 * the console re-renders.
 */
import { sendMessage } from "../../platform/messages.js";
import type { PresetChoice as OverlayPreset } from "../../core/presets/choice.js";
import { rememberKnownClient } from "../../platform/storage.js";
import { OVERLAY_ATTRIBUTE } from "../dom.js";
import { BadgeLayer } from "./badge-layer.js";
import { timed, totalBusyMs } from "./busy.js";
import { findingField, findingScopeRow, findingTab, type CheckResponse, type Finding, type Outcome } from "../findings.js";
import { navigateWithinClient } from "../navigation.js";
import { differsFromSaved, readFormValues, withFormValues, type FormValues } from "../form-state.js";
import { fillMapperForm, takeForMapperForm } from "./mapper-form.js";
import { clientKey, connectPageBridge, type PageBridge } from "../page-bridge.js";
import { presetStorageKey, rememberPreset, storedPreset } from "../preset-choice.js";
import { TabRecognition, type Recognition } from "./recognition.js";
import { presetFromClientId } from "../sentry-client-id.js";
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import { CLIENT_TABS, consoleIsDark, dedicatedScopeTabs, mapperForm, PAGE_MAIN, tabLink } from "../selectors.js";
import { ChangeDetector } from "./change-detector.js";
import { OverlayFixes } from "./fixes.js";
import { SummaryCard, type SummaryModel } from "./summary.js";
import { summaryModel, type PresetState } from "./summary-model.js";
import type { OverlayState } from "./state.js";

export interface OverlayOptions {
  /** Keycloak's base URL (for the values to type into Sentry). */
  readonly keycloakUrl: string;
  /** Told after every check how many errors and warnings the client still has (the setup wizard shows it). */
  readonly onChecked?: (clientUuid: string, remaining: number) => void;
  /** Told on every render what the setup wizard walks through: the findings, unsaved edits, this tab's fixes. */
  readonly onState?: (state: OverlayState) => void;
}

/**
 * The card outlives each page's overlay, as the badges do: the next client page takes it over instead of building a
 * new shadow root.
 */
let sharedSummary: SummaryCard | null = null;

const DEBOUNCE_MS = 120;
const RENDER_INTERVAL_MS = 100;
/** The console fetches the client as it opens the page: without it after this long, its calls have changed. */
const CLIENT_LOAD_LIMIT_MS = 10_000;


export function startClientOverlay(doc: Document, route: ClientRoute, options: OverlayOptions, signal: AbortSignal): void {
  const bridge = connectPageBridge();
  const overlay = new ClientOverlay(doc, route, options, bridge, signal);
  overlay.start();
}

function isOverlayMutation(record: MutationRecord): boolean {
  const ours = (node: Node) => node instanceof Element && node.hasAttribute(OVERLAY_ATTRIBUTE);
  return Array.from(record.addedNodes).every(ours) && Array.from(record.removedNodes).every(ours);
}

class ClientOverlay {
  private readonly key: string;
  private readonly storageKey: string;
  private readonly badges: BadgeLayer;
  private readonly summary: SummaryCard;
  private preset: PresetState = { kind: "loading" };
  private editingPreset = false;
  private response: CheckResponse | null = null;
  /** What the last check was asked about. */
  private readonly inputs = new ChangeDetector();
  private requestId = 0;
  private values: FormValues = new Map();
  private renderQueued = false;
  private lastRender = Number.NEGATIVE_INFINITY;
  private readonly fixes: OverlayFixes;
  private model: { key: string; model: SummaryModel; response: CheckResponse | null } | null = null;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly recognition: TabRecognition;
  private recognised: Recognition = { kind: "pending" };
  private readonly startedAt = performance.now();
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the card says about this page's own work (the mapper form SAML Lens filled in). */
  private notice: string | null = null;

  constructor(
    private readonly doc: Document,
    private readonly route: ClientRoute,
    private readonly options: OverlayOptions,
    private readonly bridge: PageBridge,
    private readonly signal: AbortSignal,
  ) {
    this.key = clientKey(route.realm, route.clientUuid);
    this.badges = new BadgeLayer(doc);
    this.fixes = new OverlayFixes(doc, route, () => this.saved(), () => this.queueCheck(DEBOUNCE_MS));
    this.recognition = new TabRecognition(route, () => this.queueRender());
    this.storageKey = presetStorageKey(location.origin, route.realm, route.clientUuid);
    const actions = {
      goTo: (finding: Finding) => this.goTo(finding),
      fixAllHere: () => this.fixAllHere(),
      choosePreset: (preset: OverlayPreset) => void this.choosePreset(preset),
      changePreset: () => {
        this.editingPreset = true;
        this.queueRender();
      },
    };
    if (sharedSummary?.host.ownerDocument !== doc) sharedSummary = new SummaryCard(doc, actions);
    sharedSummary.actions = actions;
    this.summary = sharedSummary;
  }

  start(): void {
    const stopBridge = this.bridge.onChange(
      timed((observed) => {
        if (observed.kind === "scopes" ? observed.realm !== this.route.realm : observed.clientUuid !== this.route.clientUuid) return;
        const unresolved = this.preset.kind === "loading" || (this.preset.kind === "none" && observed.kind !== "scopes");
        if (unresolved) void this.resolvePreset().then(() => this.queueCheck(0));
        else this.queueCheck(0);
      }),
    );
    const observer = new MutationObserver(
      timed((records: MutationRecord[]) => {
        // Placing the card and the badges is a mutation too: those alone need no new render. The console mutates the
        // page in many small batches while it renders a tab; once a render is queued there is nothing to decide.
        if (!this.renderQueued && !records.every(isOverlayMutation)) this.queueRender();
      }),
    );
    observer.observe(this.doc.body, { childList: true, subtree: true });
    const onEdit = timed((event: Event) => {
      if (event.target instanceof Element && event.target.closest(`[${OVERLAY_ATTRIBUTE}]`) !== null) return;
      this.queueCheck(DEBOUNCE_MS);
    });
    for (const type of ["input", "change", "click"]) this.doc.addEventListener(type, onEdit, { capture: true, signal: this.signal });
    this.signal.addEventListener("abort", () => {
      stopBridge();
      observer.disconnect();
      clearTimeout(this.checkTimer);
      clearTimeout(this.loadTimer);
      this.recognition.stop();
      this.summary.host.remove();
      this.badges.putAwayAll();
    });
    void this.resolvePreset().then(() => this.queueCheck(0));
    this.loadTimer = setTimeout(() => this.queueRender(), CLIENT_LOAD_LIMIT_MS + 50);
    this.queueRender();
    const prefill = takeForMapperForm(this.route);
    if (prefill !== null) void this.fillMapperForm(prefill);
  }

  private async fillMapperForm(values: Parameters<typeof fillMapperForm>[1]): Promise<void> {
    this.notice = "Filling in the mapper form…";
    this.queueRender();
    const report = await fillMapperForm(this.doc, values, this.signal);
    this.notice = [report.changed > 0 ? "SAML Lens filled in this mapper form: review it, then press Save." : "", ...report.problems].join(" ").trim();
    this.queueRender();
  }

  private saved(): Record<string, unknown> | null {
    return this.bridge.data.clients.get(this.key)?.representation ?? null;
  }

  private isSaml(): boolean {
    return this.saved()?.protocol === "saml";
  }

  private async resolvePreset(): Promise<void> {
    const stored = await storedPreset(this.storageKey);
    if (this.signal.aborted) return;
    if (stored !== null) {
      this.preset = { kind: "chosen", preset: stored, inferred: false };
      return;
    }
    const clientId = this.saved()?.clientId;
    if (typeof clientId !== "string") return;
    const inferred = presetFromClientId(clientId);
    this.preset = inferred === null ? { kind: "none", problem: null } : { kind: "chosen", preset: inferred, inferred: true };
  }

  private async choosePreset(preset: OverlayPreset): Promise<void> {
    if (preset.orgSlug === "" || (preset.kind === "sentry-self-hosted" && preset.urlPrefix === "")) {
      this.preset = { kind: "none", problem: "Give the Sentry URL and the organization slug." };
      this.queueRender();
      return;
    }
    await rememberPreset(this.storageKey, preset);
    if (this.signal.aborted) return;
    this.preset = { kind: "chosen", preset, inferred: false };
    this.editingPreset = false;
    this.inputs.forget();
    this.queueCheck(0);
  }

  private queueCheck(delay: number): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(), delay);
  }

  private async check(): Promise<void> {
    if (this.signal.aborted) return;
    const saved = this.saved();
    if (typeof saved?.clientId === "string" && this.isSaml()) void rememberKnownClient(this.options.keycloakUrl, this.route.realm, saved.clientId, this.route.clientUuid);
    if (saved === null || this.preset.kind !== "chosen" || !this.isSaml()) {
      this.queueRender();
      return;
    }
    const preset = this.preset.preset;
    const request = timed(() => {
      const values = readFormValues(this.doc);
      const inputs = {
        saved,
        defaultScopes: this.bridge.data.defaultScopes.get(this.key) ?? null,
        clientScopes: this.bridge.data.scopes.get(this.route.realm) ?? null,
        preset,
        values: JSON.stringify([...values]),
      };
      // Without a result yet every check runs (the last one may have been dropped for a newer request).
      if (!this.inputs.changed(inputs) && this.response !== null) return null;
      this.values = values;
      return {
        client: withFormValues(saved, values),
        defaultClientScopes: inputs.defaultScopes,
        clientScopes: inputs.clientScopes,
        preset,
        keycloakUrl: this.options.keycloakUrl,
        realm: this.route.realm,
      };
    })();
    // Nothing the check reads has changed (a keystroke in a field no check looks at): nothing to show anew either; the
    // console's own re-render, if any, queues a render through the mutation observer.
    if (request === null) return;
    const id = (this.requestId += 1);
    let response: CheckResponse;
    try {
      response = await sendMessage("overlay.check", request);
    } catch (error) {
      response = { ok: false, error: `SAML Lens could not check this client: ${error instanceof Error ? error.message : String(error)}`, presetName: "", outcomes: [], sentrySide: null };
    }
    if (this.signal.aborted || id !== this.requestId) return;
    this.response = response;
    if (response.ok) {
      const remaining = response.outcomes.filter((outcome) => outcome.finding.severity === "error" || outcome.finding.severity === "warning").length;
      this.options.onChecked?.(this.route.clientUuid, remaining);
    }
    this.fixes.resultChanged();
    this.badges.resultChanged();
    this.queueRender();
  }

  /**
   * At most one render per RENDER_INTERVAL_MS: while the console renders a tab it mutates the DOM on many frames in a
   * row, and placing badges on each of them would cost more than it shows.
   */
  private queueRender(): void {
    if (this.renderQueued || this.signal.aborted) return;
    this.renderQueued = true;
    const run = timed(() => {
      this.renderQueued = false;
      this.lastRender = performance.now();
      if (!this.signal.aborted) this.render();
    });
    const wait = this.lastRender + RENDER_INTERVAL_MS - performance.now();
    if (wait > 0) setTimeout(() => requestAnimationFrame(run), wait);
    else requestAnimationFrame(run);
  }

  private render(): void {
    if (this.saved() !== null && !this.isSaml()) {
      this.summary.host.remove();
      return;
    }
    this.recognised = this.recognition.assess(this.doc, this.saved(), performance.now());
    this.placeSummary();
    this.badges.place({
      route: this.route,
      ready: this.response !== null && this.preset.kind === "chosen" && !this.editingPreset && this.recognised.kind === "recognised",
      outcomes: this.outcomes(),
      saved: this.saved(),
      dark: consoleIsDark(this.doc),
      plan: (outcome) => this.fixes.plan(outcome),
      fixFor: (outcome) => this.fixes.fixFor(outcome),
    });
    this.summary.host.dataset.busyMs = totalBusyMs().toFixed(2);
    this.reportState();
  }

  private lastState: { response: CheckResponse | null; unsaved: boolean; recognised: Recognition["kind"]; preset: PresetState; editing: boolean } | null = null;

  /** Tells the wizard what changed, not every frame. */
  private reportState(): void {
    if (this.options.onState === undefined) return;
    const state = { response: this.response, unsaved: this.isUnsaved(), recognised: this.recognised.kind, preset: this.preset, editing: this.editingPreset };
    const last = this.lastState;
    const same =
      last !== null &&
      last.response === state.response &&
      last.unsaved === state.unsaved &&
      last.recognised === state.recognised &&
      last.preset === state.preset &&
      last.editing === state.editing;
    if (same) return;
    this.lastState = state;
    this.options.onState({ route: this.route, checked: this.response?.ok === true, outcomes: this.outcomes(), unsaved: state.unsaved, fixableHere: this.fixableHere().length, fixAllHere: () => this.fixAllHere() });
  }

  private summaryModel(): SummaryModel {
    const unrecognised = this.unrecognisedFields();
    const key = [
      this.response === null ? 0 : this.requestId,
      this.saved() !== null || this.clientLoadOverdue(),
      this.preset.kind,
      this.editingPreset,
      this.isUnsaved(),
      unrecognised?.join(",") ?? "",
      this.notice ?? "",
    ].join("|");
    if (this.model?.key === key && this.model.response === this.response) return this.model.model;
    const model = summaryModel({
      loaded: this.saved() !== null,
      loadOverdue: this.clientLoadOverdue(),
      preset: this.preset,
      editingPreset: this.editingPreset,
      response: this.response,
      fixableHere: this.fixableHere().length,
      unsaved: this.isUnsaved(),
      unrecognised: this.unrecognisedFields(),
      notice: this.notice,
    });
    this.model = { key, model, response: this.response };
    return model;
  }

  private unrecognisedFields(): readonly string[] | null {
    return this.recognised.kind === "unrecognised" ? this.recognised.missing : null;
  }

  private clientLoadOverdue(): boolean {
    return this.saved() === null && performance.now() - this.startedAt > CLIENT_LOAD_LIMIT_MS;
  }

  /** Above the client's tabs; on the dedicated scope's pages above its tabs, or above the mapper form. */
  private summaryAnchor(): Element | null {
    const page = this.route.dedicatedPage;
    if (page === null) return this.doc.querySelector(CLIENT_TABS);
    return page.kind === "mapper" ? mapperForm(this.doc) : dedicatedScopeTabs(this.doc);
  }

  private placeSummary(): void {
    const tabs = this.summaryAnchor();
    if (tabs !== null) {
      if (tabs.previousElementSibling !== this.summary.host) tabs.before(this.summary.host);
    } else if (this.recognised.kind === "unrecognised" || this.clientLoadOverdue()) {
      // Without the tab bar the card still has to say why there are no badges: at the top of the page's content.
      const main = this.doc.querySelector(PAGE_MAIN) ?? this.doc.body;
      if (this.summary.host.parentElement !== main) main.prepend(this.summary.host);
    } else {
      return;
    }
    this.summary.render(this.summaryModel(), consoleIsDark(this.doc));
  }

  private unsavedCache: { values: FormValues; saved: Record<string, unknown>; unsaved: boolean } | null = null;

  private isUnsaved(): boolean {
    const saved = this.saved();
    if (saved === null) return false;
    const cached = this.unsavedCache;
    if (cached?.values === this.values && cached.saved === saved) return cached.unsaved;
    const unsaved = differsFromSaved(this.values, saved);
    this.unsavedCache = { values: this.values, saved, unsaved };
    return unsaved;
  }

  private outcomes(): readonly Outcome[] {
    return this.response?.ok === true && this.preset.kind === "chosen" && !this.editingPreset ? this.response.outcomes : [];
  }

  /** The shown tab's errors and warnings its form can take, once the page is recognised. */
  private fixableHere(): Outcome[] {
    return this.recognised.kind === "recognised" ? this.fixes.fixableHere(this.outcomes()) : [];
  }

  private fixAllHere(): Promise<string> {
    return this.fixes.fixAll(this.fixableHere());
  }

  private goTo(finding: Finding): void {
    const tab = findingTab(finding);
    const key = findingField(finding)?.key ?? (findingScopeRow(finding) === null ? null : `scope:${findingScopeRow(finding)}`);
    if (tab === this.route.tab) {
      this.badges.reveal(key, false);
      return;
    }
    this.badges.reveal(key, true);
    const link = tabLink(this.doc, tab);
    if (link !== null) link.click();
    else navigateWithinClient(this.route, tab);
  }
}
