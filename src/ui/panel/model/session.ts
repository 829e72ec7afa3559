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
import type { FromAnalysisWorker } from "./analysis-protocol.js";
import { localBackend, startWorker, workerBackend, type Backend } from "./analysis-backend.js";
import type { AnalystBatch, AnalystRow, AnalystSettings } from "./analyst.js";
import type { CapturedEntry, HttpDetails } from "./entry.js";
import { resolveProfile, NO_PROFILE } from "./profile.js";
import { summaryOf, type RowSummary } from "./row-summary.js";

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
  /** Verdict, kind, issuer and search words of the analysis; `undefined` while it is pending. */
  summary: RowSummary | undefined;
  /** The full analysis, for the details: with the analysis worker, only of the rows opened (see `loadDetail`). */
  analysis: MessageAnalysis | undefined;
  /** Lower-cased text that the search box matches against, made when a search first needs it (`haystackOf`). */
  haystack: string | undefined;
}

/** The SP profile and the certificates the user supplied, by IdP entity ID. */
export type SessionSettings = AnalystSettings;

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
  /** Runs the applying of each worker answer, in order (the panel spreads them over frames); at once by default. */
  readonly deliver?: (work: () => void) => void;
}

export class Session {
  private list: Row[] = [];
  /** What the analyst reported last: rows it holds, and how many of them still wait. */
  private progress = { received: 0, pending: 0 };
  /** Rows [0, identified) have their facts (the analyst reads them in order). */
  private identified = 0;
  /** Bumped by clear() and settings changes, so results made for an older state are dropped. */
  private generation = 0;
  /** Rows added, or whose facts or summary changed, since the list was last reset (see `changeLog`). */
  private changes: number[] = [];
  private epoch = 0;
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

  /**
   * What changed since the rows were last reset: `changed` lists the rows added, read or judged since, in order
   * (append-only while `epoch` stays; a new epoch means rows were taken away or every verdict was reset). Lets the list
   * filter only what changed (`VisibleRows`) instead of every row in every frame.
   */
  get changeLog(): { readonly epoch: number; readonly changed: readonly number[] } {
    return { epoch: this.epoch, changed: this.changes };
  }

  private reset(): void {
    this.epoch += 1;
    this.changes = [];
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
        const row: Row = { index: this.list.length, captured, source: entry.source, http: entry.http, clock: clockOf(entry.http.startedAt, now), facts: undefined, summary: undefined, analysis: undefined, haystack: undefined };
        this.list.push(row);
        this.changes.push(row.index);
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
    this.reset();
    this.progress = { received: 0, pending: 0 };
    this.identified = 0;
    this.pairing = undefined;
    this.backend.clear(this.generation);
    this.options.onChange();
  }

  /** Takes back the rows from `length` on (an import that failed or was cancelled); the others are analysed again. */
  truncate(length: number): void {
    if (length >= this.list.length) return;
    this.list = this.list.slice(0, length);
    this.reset();
    this.identified = Math.min(this.identified, length);
    this.pairing = undefined;
    this.generation += 1;
    this.backend.clear(this.generation);
    this.configure(this.settings);
    this.backend.add(this.analystRows(), this.generation);
  }

  private analystRows(): AnalystRow[] {
    return this.list.map((row) => ({ captured: row.captured, clock: row.clock }));
  }

  configure(settings: SessionSettings): void {
    this.settings = settings;
    this.generation += 1;
    for (const row of this.list) {
      row.summary = undefined;
      row.analysis = undefined;
      row.haystack = undefined;
    }
    this.reset();
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

  /** Asks for the full analysis of a row the user opened, when only its summary is here. */
  loadDetail(index: number): void {
    const row = this.list[index];
    if (row === undefined || row.summary === undefined || row.analysis !== undefined) return;
    this.backend.detail(index, this.generation);
  }

  private applyFacts(facts: AnalystBatch["facts"]): void {
    for (const item of facts) {
      const row = this.list[item.index];
      if (row === undefined) continue;
      row.facts = item.facts;
      row.haystack = undefined;
      this.changes.push(item.index);
      this.identified = Math.max(this.identified, item.index + 1);
    }
  }

  private apply(batch: AnalystBatch, generation: number): void {
    if (generation !== this.generation) return;
    this.applyFacts(batch.facts);
    for (const { index, analysis } of batch.analyses) {
      const row = this.list[index];
      if (row === undefined) continue;
      row.analysis = analysis;
      row.summary = analysis === undefined ? undefined : summaryOf(analysis);
      row.haystack = undefined;
      this.changes.push(index);
    }
    this.progress = { received: batch.received, pending: batch.pending };
    this.options.onChange();
  }

  private applyAnswer(answer: FromAnalysisWorker): void {
    if (answer.generation !== this.generation) return;
    if (answer.type === "detail") {
      const row = this.list[answer.index];
      if (row !== undefined) row.analysis = answer.analysis;
    } else {
      this.applyFacts(answer.facts);
      for (const { index, summary } of answer.results) {
        const row = this.list[index];
        if (row === undefined) continue;
        row.summary = summary;
        row.analysis = undefined;
        row.haystack = undefined;
        this.changes.push(index);
      }
      this.progress = { received: answer.received, pending: answer.pending };
    }
    this.options.onChange();
  }

  private local(): Backend {
    return localBackend({ settings: this.settings, verify: this.options.verify, sliceMs: this.options.sliceMs, onBatch: (batch) => this.apply(batch, this.generation) });
  }

  /** The worker's answers are checked on arrival; a worker that fails hands its work back to this thread. */
  private remote(worker: Worker): Backend {
    return workerBackend(worker, this.settings, this.generation, {
      deliver: this.options.deliver ?? ((work) => work()),
      onAnswer: (answer) => this.applyAnswer(answer),
      onFailure: () => {
        this.backend = this.local();
        this.configure(this.settings);
        this.backend.add(this.analystRows(), this.generation);
      },
    });
  }
}

function clockOf(startedAt: string | undefined, fallback: Date): Date {
  const time = startedAt === undefined ? Number.NaN : Date.parse(startedAt);
  return Number.isNaN(time) ? fallback : new Date(time);
}
