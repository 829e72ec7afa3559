/**
 * The panel's recording: every captured SAML message in arrival order, each analysed by the core in the analysis
 * worker (or, without one, on this thread in small slices), so a 10,000-message import never freezes the panel;
 * verdicts fill in as they come, and everything is analysed again when the SP profile or the certificates change.
 */
import type { VerifySignatures } from "../../../core/analyze/signatures.js";
import type { CapturedMessage } from "../../../core/input/captured.js";
import type { HarImportEntry } from "../../../core/har/schema.js";
import { groupExchanges, type Exchange } from "../../../core/saml/flows.js";
import type { MessageAnalysis, MessageFacts } from "./analyze-message.js";
import { readBatch, type ToAnalysisWorker } from "./analysis-protocol.js";
import { Analyst, type AnalystBatch, type AnalystRow } from "./analyst.js";
import type { CapturedEntry, HttpDetails } from "./entry.js";
import { resolveProfile, NO_PROFILE, type IdpTrust, type ResolvedProfile } from "./profile.js";

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
  /** Starts the analysis worker (src/workers/analysis-worker.ts); without one, or when it fails, the page analyses. */
  readonly createWorker?: () => Worker | undefined;
  /** For the analysis on this thread. */
  readonly verify?: VerifySignatures;
  /** How long one slice of analysis on this thread may run before the UI gets the thread back. */
  readonly sliceMs?: number;
}

/** Where the analysis runs: the worker, or this thread. */
interface Backend {
  add(rows: readonly AnalystRow[], generation: number): void;
  clear(generation: number): void;
  configure(settings: SessionSettings, generation: number): void;
  dispose(): void;
}

export class Session {
  private list: Row[] = [];
  /** What the analyst reported last: rows it holds, and how many of them still wait. */
  private progress = { received: 0, pending: 0 };
  /** Rows [0, identified) have their facts (the analyst reads them in order). */
  private identified = 0;
  /** Bumped by clear() and settings changes, so results made for an older state are dropped. */
  private generation = 0;
  private pairing: { readonly size: number; readonly requestOf: Map<number, number>; readonly exchanges: Exchange[] } | undefined;
  private settings: SessionSettings = { profile: resolveProfile(NO_PROFILE), trust: new Map() };
  private backend: Backend;

  constructor(private readonly options: SessionOptions) {
    const worker = startWorker(options.createWorker);
    this.backend = worker === undefined ? this.local() : this.remote(worker);
  }

  get rows(): readonly Row[] {
    return this.list;
  }

  /** Messages still waiting for their analysis. */
  get pendingCount(): number {
    return this.list.length - this.progress.received + this.progress.pending;
  }

  add(entries: readonly CapturedEntry[]): void {
    const now = this.options.now?.() ?? new Date();
    const added: AnalystRow[] = [];
    for (const entry of entries) {
      for (const captured of entry.messages) {
        const row: Row = { index: this.list.length, captured, source: entry.source, http: entry.http, clock: clockOf(entry.http.startedAt, now), facts: undefined, analysis: undefined, haystack: "" };
        row.haystack = searchText(row);
        this.list.push(row);
        added.push({ captured, clock: row.clock });
      }
    }
    if (added.length === 0) return;
    this.pairing = undefined;
    this.backend.add(added, this.generation);
    this.options.onChange();
  }

  clear(): void {
    this.generation += 1;
    this.list = [];
    this.progress = { received: 0, pending: 0 };
    this.identified = 0;
    this.pairing = undefined;
    this.backend.clear(this.generation);
    this.options.onChange();
  }

  configure(settings: SessionSettings): void {
    this.settings = settings;
    this.generation += 1;
    for (const row of this.list) row.analysis = undefined;
    this.progress = { received: 0, pending: 0 };
    this.backend.configure(settings, this.generation);
    this.options.onChange();
  }

  /** Stops the analysis worker. */
  dispose(): void {
    this.backend.dispose();
  }

  /** The captured requests behind the rows, once each, in order: what an export writes. */
  get requests(): HarImportEntry[] {
    return [...new Set(this.list.map((row) => row.source))];
  }

  /** Exchanges (login, logout) over the rows read so far, in the core's pairing. */
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

  private apply(batch: AnalystBatch, generation: number): void {
    if (generation !== this.generation) return;
    for (const { index, facts } of batch.facts) {
      const row = this.list[index];
      if (row === undefined) continue;
      row.facts = facts;
      row.haystack = searchText(row);
      this.identified = Math.max(this.identified, index + 1);
    }
    for (const { index, analysis } of batch.analyses) {
      const row = this.list[index];
      if (row === undefined) continue;
      row.analysis = analysis;
      row.haystack = searchText(row);
    }
    this.progress = { received: batch.received, pending: batch.pending };
    this.options.onChange();
  }

  private local(): Backend {
    const analyst = new Analyst({ settings: this.settings, verify: this.options.verify, sliceMs: this.options.sliceMs, onBatch: (batch) => this.apply(batch, this.generation) });
    return { add: (rows) => analyst.add(rows), clear: () => analyst.clear(), configure: (settings) => analyst.configure(settings), dispose: () => analyst.clear() };
  }

  /** The worker's answers are checked on arrival; a worker that fails hands its work back to this thread. */
  private remote(worker: Worker): Backend {
    const post = (message: ToAnalysisWorker) => worker.postMessage(message);
    worker.onmessage = (event: MessageEvent) => {
      const batch = readBatch(event.data);
      if (batch === undefined) fallBack();
      else this.apply(batch, batch.generation);
    };
    const fallBack = () => {
      worker.terminate();
      this.backend = this.local();
      this.configure(this.settings);
      this.backend.add(this.list.map((row) => ({ captured: row.captured, clock: row.clock })), this.generation);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fallBack();
    };
    post({ type: "configure", generation: this.generation, ...settingsMessage(this.settings) });
    return {
      add: (rows, generation) => post({ type: "add", generation, rows }),
      clear: (generation) => post({ type: "clear", generation }),
      configure: (settings, generation) => post({ type: "configure", generation, ...settingsMessage(settings) }),
      dispose: () => worker.terminate(),
    };
  }
}

function startWorker(create: (() => Worker | undefined) | undefined): Worker | undefined {
  try {
    return typeof Worker === "undefined" ? undefined : create?.();
  } catch {
    return undefined;
  }
}

function settingsMessage(settings: SessionSettings) {
  return { profile: settings.profile, trust: [...settings.trust.values()] };
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

