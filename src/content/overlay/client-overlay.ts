/**
 * The overlay on one client page: from entering a client route until leaving it (everything hangs on one
 * AbortSignal). Knows the saved client from the console's own responses (page bridge) and the unsaved one from the
 * form, asks the background to check it, and keeps the summary card and the badges of the shown tab in place while
 * the console re-renders.
 */
import type { PresetChoice as OverlayPreset } from "../../core/presets/choice.js";
import { rememberKnownClient } from "../../platform/content-store.js";
import { BadgeLayer } from "./badge-layer.js";
import { totalBusyMs } from "./busy.js";
import { findingTab, type Finding, type Outcome } from "../findings.js";
import { findingBadgeKey } from "./badge-layer.js";
import { navigateWithinClient } from "../navigation.js";
import { memoizedDiffersFromSaved } from "../form-state.js";
import { fillLeftMapperForm } from "./mapper-form.js";
import { watchClientPage } from "./watch.js";
import { clientKey, connectPageBridge, type PageBridge } from "../page-bridge.js";
import { TabRecognition, type Recognition } from "./recognition.js";
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import { consoleIsDark, tabLink } from "../selectors.js";
import type { CheckSources } from "./change-detector.js";
import { ClientChecks } from "./checks.js";
import { RenderThrottle } from "./throttle.js";
import { OverlayFixes } from "./fixes.js";
import { SummaryLayer } from "./summary-layer.js";
import { ClientPreset } from "./preset.js";
import { Sameness, type OverlayState } from "./state.js";
import { readRealmCertificates, type RealmCertificates } from "./realm-certificates.js";

export interface OverlayOptions {
  /** Keycloak's base URL (for the values to type into Sentry). */
  readonly keycloakUrl: string;
  /** Told after every check how many errors and warnings the client still has (the setup wizard shows it). */
  readonly onChecked?: (clientUuid: string, remaining: number) => void;
  /** Told on every render what the setup wizard walks through: the findings, unsaved edits, this tab's fixes. */
  readonly onState?: (state: OverlayState) => void;
}

const DEBOUNCE_MS = 120;
const RENDER_INTERVAL_MS = 100;
/** The console fetches the client as it opens the page: without it after this long, its calls have changed. */
const CLIENT_LOAD_LIMIT_MS = 10_000;

export function startClientOverlay(doc: Document, route: ClientRoute, options: OverlayOptions, signal: AbortSignal): void {
  const bridge = connectPageBridge();
  const overlay = new ClientOverlay(doc, route, options, bridge, signal);
  overlay.start();
}

class ClientOverlay {
  private readonly key: string;
  private readonly badges: BadgeLayer;
  private readonly summary: SummaryLayer;
  private readonly preset: ClientPreset;
  private readonly checks: ClientChecks;
  /** What the wizard was last told about. */
  private readonly reported = new Sameness();
  private readonly renders: RenderThrottle;
  /** A mapper form SAML Lens was asked to fill in is being filled. */
  private filling = false;
  private readonly fixes: OverlayFixes;
  private readonly recognition: TabRecognition;
  private recognised: Recognition = { kind: "pending" };
  private readonly startedAt = performance.now();
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the card says about this page's own work (the mapper form SAML Lens filled in). */
  private notice: string | null = null;
  private realmCertificates: RealmCertificates | undefined;

  constructor(
    private readonly doc: Document,
    private readonly route: ClientRoute,
    private readonly options: OverlayOptions,
    private readonly bridge: PageBridge,
    private readonly signal: AbortSignal,
  ) {
    this.key = clientKey(route.realm, route.clientUuid);
    this.badges = new BadgeLayer(doc);
    this.checks = new ClientChecks(
      doc,
      {
        sources: () => this.checkSources(),
        show: () => this.queueRender(),
        busyChanged: () => this.markSettled(),
        answered: (response) => {
          if (response.ok) {
            const remaining = response.outcomes.filter((outcome) => outcome.finding.severity === "error" || outcome.finding.severity === "warning").length;
            this.options.onChecked?.(this.route.clientUuid, remaining);
          }
          this.fixes.resultChanged();
          this.badges.resultChanged();
        },
      },
      signal,
    );
    this.renders = new RenderThrottle(RENDER_INTERVAL_MS, () => this.render(), () => signal.aborted);
    this.fixes = new OverlayFixes(
      doc,
      route,
      () => this.saved(),
      () => this.checks.queue(DEBOUNCE_MS),
      (key) => this.badges.reveal(key, true),
    );
    this.recognition = new TabRecognition(route, () => this.queueRender());
    this.preset = new ClientPreset(route, signal);
    const actions = {
      goTo: (finding: Finding) => this.goTo(finding),
      fixAllHere: () => this.fixAllHere(),
      choosePreset: (preset: OverlayPreset) => void this.choosePreset(preset),
      changePreset: () => {
        this.preset.editing = true;
        this.queueRender();
      },
    };
    this.summary = new SummaryLayer(doc, route, actions);
  }

  start(): void {
    watchClientPage(this.doc, this.bridge, this.route, this.signal, {
      fetched: (clientLoaded) => {
        if (this.preset.unresolved(clientLoaded)) void this.resolvePreset().then(() => this.checks.queue(0));
        else this.checks.queue(0);
      },
      mutated: () => this.queueRender(),
      renderQueued: () => this.renders.queued,
      edited: () => this.checks.queue(DEBOUNCE_MS),
    });
    this.signal.addEventListener("abort", () => {
      clearTimeout(this.loadTimer);
      this.recognition.stop();
      this.summary.remove();
      this.badges.putAwayAll();
    });
    void this.resolvePreset().then(() => this.checks.queue(0));
    void readRealmCertificates(this.options.keycloakUrl, this.route.realm).then((certificates) => {
      this.realmCertificates = certificates;
      // The realm-key checks run with them: check again, whatever else changed.
      if (certificates !== undefined && !this.signal.aborted) {
        this.checks.forget();
        this.checks.queue(0);
      }
    });
    this.loadTimer = setTimeout(() => this.queueRender(), CLIENT_LOAD_LIMIT_MS + 50);
    this.queueRender();
    fillLeftMapperForm(this.doc, this.route, this.signal, (notice, done) => {
      this.notice = notice;
      this.filling = !done;
      this.queueRender();
    });
  }

  private saved(): Record<string, unknown> | null {
    return this.bridge.data.clients.get(this.key)?.representation ?? null;
  }

  private isSaml(): boolean {
    return this.saved()?.protocol === "saml";
  }

  private resolvePreset(): Promise<void> {
    return this.preset.resolve(this.saved()?.clientId);
  }

  private async choosePreset(preset: OverlayPreset): Promise<void> {
    if (await this.preset.choose(preset)) {
      this.checks.forget();
      this.checks.queue(0);
    } else {
      this.queueRender();
    }
  }

  /**
   * The card's `data-settled`: "true" once the overlay has nothing left to do for what the page shows (no check queued
   * or under way, no render queued, no mapper form being filled, the tab recognised or not, not still rendering): what
   * a test waits for before it asserts that something did not happen.
   */
  private markSettled(): void {
    // Still judging the tab: while fields may still be rendering, or the client still loading (until it is overdue).
    const judging = this.recognised.kind === "pending" && !this.clientLoadOverdue();
    const settled = !this.checks.busy && !this.renders.queued && !this.filling && !judging;
    this.summary.card.host.dataset.settled = String(settled);
  }

  /** What a check reads now; null when there is nothing to check. A SAML client is remembered for the popup on the way. */
  private checkSources(): CheckSources | null {
    const saved = this.saved();
    if (typeof saved?.clientId === "string" && this.isSaml()) void rememberKnownClient(this.options.keycloakUrl, this.route.realm, saved.clientId, this.route.clientUuid);
    if (saved === null || this.preset.state.kind !== "chosen" || !this.isSaml()) return null;
    return {
      saved,
      defaultScopes: this.bridge.data.defaultScopes.get(this.key) ?? null,
      clientScopes: this.bridge.data.scopes.get(this.route.realm) ?? null,
      preset: this.preset.state.preset,
      keycloakUrl: this.options.keycloakUrl,
      realm: this.route.realm,
      realmCertificates: this.realmCertificates,
    };
  }

  private queueRender(): void {
    if (this.renders.request()) this.markSettled();
  }

  private render(): void {
    if (this.saved() !== null && !this.isSaml()) {
      this.summary.remove();
      return;
    }
    this.recognised = this.recognition.assess(this.doc, this.saved(), performance.now());
    this.placeSummary();
    this.badges.place({
      route: this.route,
      ready: this.checks.response !== null && this.preset.chosen() !== null && this.recognised.kind === "recognised",
      outcomes: this.outcomes(),
      securityOutcomes: this.securityOutcomes(),
      saved: this.saved(),
      dark: consoleIsDark(this.doc),
      plan: (outcome) => this.fixes.plan(outcome),
      fixFor: (outcome) => this.fixes.fixFor(outcome),
    });
    this.summary.card.host.dataset.busyMs = totalBusyMs().toFixed(2);
    this.markSettled();
    this.reportState();
  }

  /** Tells the wizard what changed, not every frame. */
  private reportState(): void {
    if (this.options.onState === undefined) return;
    const unsaved = this.isUnsaved();
    if (!this.reported.changed({ response: this.checks.response, unsaved, recognised: this.recognised.kind, preset: this.preset.state, editing: this.preset.editing })) return;
    this.options.onState({
      route: this.route,
      checked: this.checks.response?.ok === true,
      outcomes: this.outcomes(),
      securityOutcomes: this.securityOutcomes(),
      unsaved,
      fixableHere: this.fixableHere().length,
      fixAllHere: () => this.fixAllHere(),
    });
  }

  private clientLoadOverdue(): boolean {
    return this.saved() === null && performance.now() - this.startedAt > CLIENT_LOAD_LIMIT_MS;
  }

  private placeSummary(): void {
    const overdue = this.clientLoadOverdue();
    const facts = {
      loaded: this.saved() !== null,
      loadOverdue: overdue,
      preset: this.preset.state,
      editingPreset: this.preset.editing,
      response: this.checks.response,
      fixableHere: this.fixableHere().length,
      unsaved: this.isUnsaved(),
      unrecognised: this.recognised.kind === "unrecognised" ? this.recognised.missing : null,
      notice: this.notice,
    };
    // Without the tab bar the card still has to say why there are no badges.
    this.summary.place(this.checks.response === null ? 0 : this.checks.requestId, facts, this.recognised.kind === "unrecognised" || overdue);
  }

  private readonly differs = memoizedDiffersFromSaved();

  private isUnsaved(): boolean {
    const saved = this.saved();
    return saved !== null && this.differs(this.checks.values, saved);
  }

  private outcomes(): readonly Outcome[] {
    return this.checks.response?.ok === true && this.preset.chosen() !== null ? this.checks.response.outcomes : [];
  }

  private securityOutcomes(): readonly Outcome[] {
    return (this.preset.chosen() !== null && this.checks.response?.securityOutcomes) || [];
  }

  /** The shown tab's errors and warnings, and security findings, its form can take, once the page is recognised. */
  private fixableHere(): Outcome[] {
    return this.recognised.kind === "recognised" ? this.fixes.fixableHere([...this.outcomes(), ...this.securityOutcomes()]) : [];
  }

  private fixAllHere(): Promise<string> {
    return this.fixes.fixAll(this.fixableHere());
  }

  /** The summary's link to a finding: its badge, on its tab. */
  private goTo(finding: Finding): void {
    const tab = findingTab(finding);
    this.badges.reveal(findingBadgeKey(finding), tab !== this.route.tab);
    if (tab === this.route.tab) return;
    const link = tabLink(this.doc, tab);
    if (link !== null) link.click();
    else navigateWithinClient(this.route, tab);
  }
}
