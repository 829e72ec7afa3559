/**
 * The panel's recording: every captured SAML message in arrival order, each analysed by the core in the background
 * (in small slices, so a 10,000-message import never freezes the panel), re-analysed when the SP profile or the
 * supplied certificates change.
 */
import type { VerifySignatures } from "../../../core/analyze/signatures.js";
import type { CapturedMessage } from "../../../core/input/captured.js";
import type { HarImportEntry } from "../../../core/har/schema.js";
import { groupExchanges, type Exchange } from "../../../core/saml/flows.js";
import { analyzeMessage, identifyMessage, type MessageAnalysis, type MessageFacts } from "./analyze-message.js";
import type { CapturedEntry, HttpDetails } from "./entry.js";
import { resolveProfile, spProfileFor, NO_PROFILE, type IdpTrust, type ResolvedProfile } from "./profile.js";

export interface Row {
  /** Position in the recording; stable until the next clear. */
  readonly index: number;
  readonly captured: CapturedMessage;
  /** The request that carried it, as captured: what export writes out. Shared by the messages of one request. */
  readonly source: HarImportEntry;
  readonly http: HttpDetails;
  /** The receiver's clock for time checks: when the request was made (or reached the panel). */
  readonly clock: Date;
  /** Kind, IDs and issuer, read ahead of the analysis (pairing needs them); `undefined` until read. */
  facts: MessageFacts | undefined;
  /** `undefined` while the analysis is pending. */
  analysis: MessageAnalysis | undefined;
  /** Lower-cased text that the search box matches against. */
  haystack: string;
}

export interface SessionSettings {
  readonly profile: ResolvedProfile;
  /** Certificates the user supplied, by IdP entity ID. */
  readonly trust: ReadonlyMap<string, IdpTrust>;
}

export interface SessionOptions {
  /** Called after rows were added, analysed or removed; the UI re-renders from `rows`. */
  readonly onChange: () => void;
  readonly now?: () => Date;
  readonly verify?: VerifySignatures;
  /** How long one slice of analysis may run before the UI gets the thread back. */
  readonly sliceMs?: number;
}

export class Session {
  private list: Row[] = [];
  /** Row indexes waiting for analysis, consumed from `head` (no shifting of a 10,000-element array). */
  private pending: number[] = [];
  private head = 0;
  /** Rows [0, identified) have their facts. */
  private identified = 0;
  private running = false;
  /** Bumped by clear() and settings changes, so a slice in flight drops its stale results. */
  private generation = 0;
  private pairing: { readonly size: number; readonly requestOf: Map<number, number>; readonly exchanges: Exchange[] } | undefined;
  private settings: SessionSettings = { profile: resolveProfile(NO_PROFILE), trust: new Map() };

  constructor(private readonly options: SessionOptions) {}

  get rows(): readonly Row[] {
    return this.list;
  }

  /** Messages still waiting for their analysis. */
  get pendingCount(): number {
    return this.pending.length - this.head;
  }

  private get unidentified(): number {
    return this.list.length - this.identified;
  }

  add(entries: readonly CapturedEntry[]): void {
    const now = this.options.now?.() ?? new Date();
    let added = 0;
    for (const entry of entries) {
      for (const captured of entry.messages) {
        const index = this.list.length;
        this.list.push({ index, captured, source: entry.source, http: entry.http, clock: clockOf(entry.http.startedAt, now), facts: undefined, analysis: undefined, haystack: "" });
        const row = this.list[index];
        if (row !== undefined) row.haystack = searchText(row);
        this.pending.push(index);
        added += 1;
      }
    }
    if (added === 0) return;
    this.pairing = undefined;
    this.options.onChange();
    this.run();
  }

  clear(): void {
    this.generation += 1;
    this.list = [];
    this.pending = [];
    this.head = 0;
    this.identified = 0;
    this.pairing = undefined;
    this.options.onChange();
  }

  configure(settings: SessionSettings): void {
    this.settings = settings;
    this.generation += 1;
    for (const row of this.list) row.analysis = undefined;
    this.pending = this.list.map((row) => row.index);
    this.head = 0;
    this.options.onChange();
    this.run();
  }

  /** The captured requests behind the rows, once each, in order: what an export writes. */
  get requests(): HarImportEntry[] {
    return [...new Set(this.list.map((row) => row.source))];
  }

  /** Exchanges (login, logout) over all rows, in the core's pairing. */
  get exchanges(): readonly Exchange[] {
    return this.pair().exchanges;
  }

  private pair() {
    if (this.pairing !== undefined && this.pairing.size === this.identified) return this.pairing;
    const exchanges = groupExchanges(
      this.list.map((row) => ({ index: row.index, kind: row.facts?.kind, id: row.facts?.id, inResponseTo: row.facts?.inResponseTo, relayState: row.captured.relayState })),
    );
    const requestOf = new Map<number, number>();
    for (const exchange of exchanges) if (exchange.request !== null && exchange.response !== null) requestOf.set(exchange.response, exchange.request);
    this.pairing = { size: this.identified, requestOf, exchanges };
    return this.pairing;
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      // Rows added while the last slice was finishing.
      if (this.pendingCount > 0) this.run();
    });
  }

  private async drain(): Promise<void> {
    const sliceMs = this.options.sliceMs ?? 12;
    while (this.unidentified > 0 || this.pendingCount > 0) {
      const generation = this.generation;
      const started = Date.now();
      // First every row's facts (cheap: decode and parse), so that pairing sees the whole capture.
      while (this.unidentified > 0 && Date.now() - started < sliceMs && generation === this.generation) {
        const row = this.list[this.identified];
        this.identified += 1;
        if (row === undefined) continue;
        row.facts = identifyMessage(row.captured);
        row.haystack = searchText(row);
      }
      while (this.unidentified === 0 && this.pendingCount > 0 && Date.now() - started < sliceMs && generation === this.generation) {
        const index = this.pending[this.head];
        this.head += 1;
        const row = index === undefined ? undefined : this.list[index];
        if (row === undefined) continue;
        const requestIndex = this.pair().requestOf.get(row.index);
        const request = requestIndex === undefined ? undefined : this.list[requestIndex]?.captured;
        const issuer = row.facts?.issuer;
        const trust = issuer === undefined ? undefined : this.settings.trust.get(issuer);
        const analysis = await analyzeMessage(row.captured, request, spProfileFor(this.settings.profile, trust), row.clock, this.options.verify);
        if (generation !== this.generation) break;
        row.analysis = analysis;
        row.haystack = searchText(row);
      }
      this.options.onChange();
      await yieldToUi();
    }
  }
}

function clockOf(startedAt: string | undefined, fallback: Date): Date {
  const time = startedAt === undefined ? Number.NaN : Date.parse(startedAt);
  return Number.isNaN(time) ? fallback : new Date(time);
}

/** Everything the search box matches: transport, IDs, issuer, and once analysed NameIDs, attributes and findings. */
function searchText(row: Row): string {
  const { captured, http, facts } = row;
  const parts = [captured.parameter, captured.binding, captured.relayState, http.url, facts?.kind, facts?.issuer, facts?.id, facts?.inResponseTo];
  if (row.analysis !== undefined) parts.push(analysisHaystack(row.analysis));
  return parts.filter(Boolean).join("\n").toLowerCase();
}

function analysisHaystack({ message }: MessageAnalysis): string {
  const parts: (string | undefined | null)[] = [message.destination, ...message.findings.map((finding) => finding.id)];
  const model = message.model;
  if (model?.kind === "Response") {
    for (const assertion of model.assertions) {
      parts.push(assertion.nameId?.value, ...assertion.attributes.flatMap((attribute) => [attribute.name, attribute.friendlyName, ...attribute.values]));
    }
  }
  if (model?.kind === "LogoutRequest") parts.push(model.nameId?.value);
  return parts.filter(Boolean).join("\n").toLowerCase();
}

function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
