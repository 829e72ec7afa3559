/**
 * The overlay on one client page: from entering a client route until leaving it (everything hangs on one
 * AbortSignal). Knows the saved client from the console's own responses (page bridge) and the unsaved one from the
 * form, asks the background to check it, and keeps the summary card and the badges of the shown tab in place while
 * the console re-renders.
 */
import { sendContentMessage } from "../platform/messages.js";
import type { OverlayPreset } from "../platform/storage.js";
import { rememberKnownClient } from "../platform/storage.js";
import { Badge, OVERLAY_ATTRIBUTE, type BadgeContent } from "./badge.js";
import { timed, totalBusyMs } from "./busy.js";
import { findingField, findingScopeRow, findingTab, worst, type CheckResponse, type Finding, type Outcome } from "./findings.js";
import { mapperFindings, PAGE_TARGET } from "./dedicated-scope.js";
import { applyWrites, navigateWithinClient, planFix, type FixPlan, type FormWrite } from "./fix.js";
import { readFormValues, withFormValues, type FormValues } from "./form-state.js";
import { fillMapperForm, leaveForMapperForm, takeForMapperForm } from "./mapper-form.js";
import { clientKey, connectPageBridge, type PageBridge } from "./page-bridge.js";
import { describePreset, presetStorageKey, rememberPreset, storedPreset } from "./preset-choice.js";
import { TabRecognition, type Recognition } from "./recognition.js";
import { presetFromClientId } from "./sentry-client-id.js";
import { ROLE_LIST_SCOPE } from "../core/keycloak/attributes.js";
import type { ClientRoute } from "../core/keycloak/console-routes.js";
import { valueAtFormKey } from "../core/keycloak/form-keys.js";
import {
  ADD_MAPPER_TOGGLE,
  badgeAnchor,
  CLIENT_TABS,
  CONSOLE_FIELDS,
  consoleIsDark,
  dedicatedScopeRow,
  dedicatedScopeTabs,
  findField,
  mapperForm,
  mapperRowLinks,
  PAGE_MAIN,
  scopeNameCell,
  tabLink,
  toolbarItem,
} from "./selectors.js";
import { SummaryCard, type SummaryModel } from "./summary.js";
import type { OverlayState } from "./wizard/hub.js";

export interface OverlayOptions {
  /** Keycloak's base URL (for the values to type into Sentry). */
  readonly keycloakUrl: string;
  /** Told after every check how many errors and warnings the client still has (the setup wizard shows it). */
  readonly onChecked?: (clientUuid: string, remaining: number) => void;
  /** Told on every render what the setup wizard walks through: the findings, unsaved edits, this tab's fixes. */
  readonly onState?: (state: OverlayState) => void;
}

/** A finding to open once its tab is shown (the summary's links cross tabs, and each tab is a new overlay). */
let revealNext: string | null = null;

/**
 * The card and the badges outlive each page's overlay: the next client page takes them over instead of building new
 * shadow roots (a route change between two clients shows the same fields again).
 */
let sharedSummary: SummaryCard | null = null;
const spareBadges = new Map<string, Badge>();

const DEBOUNCE_MS = 120;
const RENDER_INTERVAL_MS = 100;
/** The console fetches the client as it opens the page: without it after this long, its calls have changed. */
const CLIENT_LOAD_LIMIT_MS = 10_000;

type PresetState = { readonly kind: "loading" } | { readonly kind: "none"; readonly problem: string | null } | { readonly kind: "chosen"; readonly preset: OverlayPreset; readonly inferred: boolean };

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
  private readonly badges = new Map<string, Badge>();
  private readonly summary: SummaryCard;
  private preset: PresetState = { kind: "loading" };
  private editingPreset = false;
  private response: CheckResponse | null = null;
  /**
   * What the last check was asked about. The saved client, the scopes and the preset are compared by identity (the
   * bridge replaces them when the console fetches again); only the form's values are compared by content. Serializing
   * the whole request to compare it cost more than everything else the overlay does on a route change.
   */
  private lastInputs: { saved: unknown; defaultScopes: unknown; clientScopes: unknown; preset: unknown; values: string } | null = null;
  private requestId = 0;
  private values: FormValues = new Map();
  private renderQueued = false;
  private lastRender = Number.NEGATIVE_INFINITY;
  /** Derived once per check result, not per rendered frame (the console renders many frames on a route change). */
  private readonly plans = new Map<Outcome, FixPlan | null>();
  private readonly badgeContents = new Map<string, BadgeContent>();
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
      for (const key of this.badges.keys()) this.putAway(key);
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
    this.lastInputs = null;
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
      const last = this.lastInputs;
      if (
        last !== null &&
        this.response !== null &&
        last.saved === inputs.saved &&
        last.defaultScopes === inputs.defaultScopes &&
        last.clientScopes === inputs.clientScopes &&
        last.preset === inputs.preset &&
        last.values === inputs.values
      ) {
        return null;
      }
      this.lastInputs = inputs;
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
      response = await sendContentMessage("overlay.check", request);
    } catch (error) {
      response = { ok: false, error: `SAML Lens could not check this client: ${error instanceof Error ? error.message : String(error)}`, presetName: "", outcomes: [], sentrySide: null };
    }
    if (this.signal.aborted || id !== this.requestId) return;
    this.response = response;
    if (response.ok) {
      const remaining = response.outcomes.filter((outcome) => outcome.finding.severity === "error" || outcome.finding.severity === "warning").length;
      this.options.onChecked?.(this.route.clientUuid, remaining);
    }
    this.plans.clear();
    this.badgeContents.clear();
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
    this.placeBadges();
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
    const model = this.buildSummaryModel();
    this.model = { key, model, response: this.response };
    return model;
  }

  private buildSummaryModel(): SummaryModel {
    if (this.saved() === null) {
      return this.clientLoadOverdue()
        ? { kind: "unrecognised", text: "This console version is not recognised: SAML Lens has not seen it load this client, so it cannot check it here." }
        : { kind: "waiting", text: "Waiting for the console to load this client…" };
    }
    if (this.preset.kind === "loading") return { kind: "waiting", text: "Loading…" };
    if (this.preset.kind === "none" || this.editingPreset) {
      return {
        kind: "choose-preset",
        problem: this.preset.kind === "none" ? this.preset.problem : null,
        initial: this.preset.kind === "chosen" ? this.preset.preset : null,
      };
    }
    if (this.response === null) return { kind: "waiting", text: "Checking…" };
    return {
      kind: "result",
      presetLabel: `${this.response.presetName} · ${describePreset(this.preset.preset)}${this.preset.inferred ? " (from the Client ID)" : ""}`,
      response: this.response,
      fixableHere: this.fixableHere().length,
      unsaved: this.isUnsaved(),
      unrecognised: this.unrecognisedFields(),
      notice: this.notice,
    };
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
    const unsaved = this.differsFromSaved(saved);
    this.unsavedCache = { values: this.values, saved, unsaved };
    return unsaved;
  }

  private differsFromSaved(saved: Record<string, unknown>): boolean {
    for (const [key, value] of this.values) {
      const before = valueAtFormKey(saved, key);
      const normalized = before === undefined && (value === "false" || value === "" || value === false) ? value : before;
      if (JSON.stringify(normalized) !== JSON.stringify(value)) return true;
    }
    return false;
  }

  private outcomes(): readonly Outcome[] {
    return this.response?.ok === true && this.preset.kind === "chosen" && !this.editingPreset ? this.response.outcomes : [];
  }

  private plan(outcome: Outcome): FixPlan | null {
    const cached = this.plans.get(outcome);
    if (cached !== undefined) return cached;
    const saved = this.saved();
    const plan = saved === null ? null : planFix(outcome, saved);
    this.plans.set(outcome, plan);
    return plan;
  }

  /** Outcomes whose every form write targets a field of the shown tab. */
  private fixableHere(): Outcome[] {
    if (this.recognised.kind !== "recognised") return [];
    return this.outcomes().filter((outcome) => {
      if (outcome.finding.severity !== "error" && outcome.finding.severity !== "warning") return false;
      const plan = this.plan(outcome);
      return plan !== null && plan.navigateTo === null && plan.writes.length > 0 && plan.writes.every((write) => write.field.tab === this.route.tab);
    });
  }

  private async fixAllHere(): Promise<string> {
    const writes: FormWrite[] = this.fixableHere().flatMap((outcome) => this.plan(outcome)?.writes ?? []);
    return this.describeFix(await applyWrites(this.doc, writes));
  }

  private describeFix(report: Awaited<ReturnType<typeof applyWrites>>): string {
    this.queueCheck(DEBOUNCE_MS);
    const parts: string[] = [];
    if (report.changed > 0) parts.push("Changed in the form: review, then press Save.");
    parts.push(...report.notes, ...report.problems);
    return parts.join(" ");
  }

  private fixFor(outcome: Outcome): BadgeContent["fix"] {
    const plan = this.plan(outcome);
    if (plan === null) return null;
    if (plan.navigateTo !== null) {
      const target = plan.navigateTo;
      const creates = target.endsWith("/new");
      return {
        label: creates ? "Add the mapper" : target.includes("/mappers/") ? "Open the mapper" : "Go there",
        note: plan.mapperForm.length > 0 ? `${outcome.finding.fix} SAML Lens fills in the form there; you press Save.` : outcome.finding.fix,
        run: async () => {
          if (plan.mapperForm.length > 0) leaveForMapperForm(this.route.clientUuid, target, plan.mapperForm);
          navigateWithinClient(this.route, target);
          return outcome.finding.fix;
        },
      };
    }
    if (plan.writes.length === 0 || !plan.writes.every((write) => write.field.tab === this.route.tab)) return null;
    const dialog = plan.writes.some((write) => write.field.kind === "dialog-switch");
    return {
      label: "Fix",
      note: dialog ? "The console asks you to confirm this switch, and saves the client as soon as you do." : null,
      run: async () => this.describeFix(await applyWrites(this.doc, plan.writes)),
    };
  }

  /** Where each field's badge goes, by the field's element (the console re-creates the element when it re-mounts). */
  private readonly anchors = new WeakMap<HTMLElement, { parent: Element; before: Node | null }>();

  private placeBadges(): void {
    const dark = consoleIsDark(this.doc);
    const outcomes = this.outcomes();
    const ready = this.response !== null && this.preset.kind === "chosen" && !this.editingPreset && this.recognised.kind === "recognised";
    const present = new Set<string>();
    if (ready) {
      for (const field of CONSOLE_FIELDS) {
        if (field.tab !== this.route.tab) continue;
        const element = findField(this.doc, field);
        if (element === null) continue;
        // A finding also marks the fields its fix changes (Name ID format's fix turns Force name ID format on too).
        const mine = this.outcomesFor(field.key, outcomes);
        if (mine.length === 0 && field.badgeOnFindingOnly === true) continue;
        let anchor = this.anchors.get(element);
        if (anchor === undefined) this.anchors.set(element, (anchor = badgeAnchor(element)));
        this.placeBadge(field.key, anchor, mine, field.key, dark);
        present.add(field.key);
      }
      if (this.route.dedicatedPage?.kind === "mappers") this.placeMapperBadges(outcomes, dark, present);
      if (this.route.tab === "clientScopes" && !this.route.dedicatedScope) {
        for (const row of ["dedicated", ROLE_LIST_SCOPE] as const) {
          const cell = row === "dedicated" ? dedicatedScopeRow(this.doc)?.querySelector("td") : scopeNameCell(this.doc, ROLE_LIST_SCOPE);
          const mine = outcomes.filter((outcome) => findingScopeRow(outcome.finding) === row);
          if (cell == null || (row === ROLE_LIST_SCOPE && mine.length === 0)) continue;
          const key = `scope:${row}`;
          this.placeBadge(key, { parent: cell, before: null }, mine, row === "dedicated" ? "The client's own mappers" : ROLE_LIST_SCOPE, dark);
          present.add(key);
        }
      }
    }
    for (const key of this.badges.keys()) if (!present.has(key)) this.putAway(key);
    if (revealNext !== null && this.badges.has(revealNext)) {
      this.badges.get(revealNext)?.reveal();
      revealNext = null;
    }
  }

  /** Dedicated scope › Mappers: a badge on each mapper row with findings, and one for the list as a whole. */
  private placeMapperBadges(outcomes: readonly Outcome[], dark: boolean, present: Set<string>): void {
    const saved = this.saved();
    if (saved === null) return;
    const byTarget = mapperFindings(outcomes, saved);
    const links = mapperRowLinks(this.doc);
    for (const [target, mine] of byTarget) {
      const key = `mapper:${target}`;
      if (target === PAGE_TARGET) {
        const toggle = this.doc.getElementById(ADD_MAPPER_TOGGLE);
        const item = toggle === null ? null : toolbarItem(toggle);
        const anchor = item?.parentElement == null ? this.doc.querySelector(`${PAGE_MAIN} h1`) : null;
        if (item?.parentElement != null) this.placeBadge(key, { parent: item.parentElement, before: item.nextSibling }, mine, "The client's own mappers", dark);
        else if (anchor !== null) this.placeBadge(key, { parent: anchor, before: null }, mine, "The client's own mappers", dark);
        else continue;
        present.add(key);
        continue;
      }
      const cell = links.get(target)?.closest("td");
      if (cell == null) continue;
      this.placeBadge(key, { parent: cell, before: null }, mine, "Mapper", dark);
      present.add(key);
    }
  }

  /** The outcomes of each field, indexed once per check result (each render asks for every field of the tab). */
  private byField: { outcomes: readonly Outcome[]; index: Map<string, Outcome[]> } | null = null;

  private outcomesFor(key: string, outcomes: readonly Outcome[]): readonly Outcome[] {
    if (this.byField?.outcomes !== outcomes) {
      const index = new Map<string, Outcome[]>();
      for (const outcome of outcomes) {
        const keys = new Set<string>();
        const own = findingField(outcome.finding)?.key;
        if (own !== undefined) keys.add(own);
        for (const write of this.plan(outcome)?.writes ?? []) keys.add(write.field.key);
        for (const field of keys) index.set(field, [...(index.get(field) ?? []), outcome]);
      }
      this.byField = { outcomes, index };
    }
    return this.byField.index.get(key) ?? [];
  }

  private placeBadge(key: string, anchor: { parent: Element; before: Node | null }, mine: readonly Outcome[], name: string, dark: boolean): void {
    let badge = this.badges.get(key);
    if (badge === undefined) {
      badge = spareBadges.get(key) ?? new Badge(this.doc, key);
      spareBadges.delete(key);
      this.badges.set(key, badge);
    }
    if (badge.host.parentElement !== anchor.parent) anchor.parent.insertBefore(badge.host, anchor.before);
    const contentKey = `${key} ${dark}`;
    let content = this.badgeContents.get(contentKey);
    if (content === undefined) {
      const findings = mine.map((outcome) => outcome.finding);
      const first = mine[0];
      content = { state: worst(findings.map((finding) => finding.severity)), name, findings, fix: first === undefined ? null : this.fixFor(first), dark };
      this.badgeContents.set(contentKey, content);
    }
    badge.update(content);
  }

  /** Off the page, kept for the next render or the next client page. */
  private putAway(key: string): void {
    const badge = this.badges.get(key);
    if (badge === undefined) return;
    badge.detach();
    this.badges.delete(key);
    spareBadges.set(key, badge);
  }

  private goTo(finding: Finding): void {
    const tab = findingTab(finding);
    const key = findingField(finding)?.key ?? (findingScopeRow(finding) === null ? null : `scope:${findingScopeRow(finding)}`);
    if (tab === this.route.tab) {
      if (key !== null) this.badges.get(key)?.reveal();
      return;
    }
    revealNext = key;
    const link = tabLink(this.doc, tab);
    if (link !== null) link.click();
    else navigateWithinClient(this.route, tab);
  }
}
