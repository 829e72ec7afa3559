/**
 * The analysis of a recording, row by row, in slices: the same algorithm in the panel's analysis worker
 * (src/workers/analysis-worker.ts) and, where no worker runs, on the page itself. Results go out in batches, each
 * after one slice, so the list fills in verdicts as they come.
 *
 * Requests are analysed as soon as they arrive (they are judged alone, and their analysis names their kind, IDs and
 * issuer); a response waits until every row before it is read, so that it is judged with the request it answers. The
 * core pairs a response only with requests before it, so rows arriving later never change that: a capture added in
 * chunks ends with the same verdicts as one added at once.
 */
import type { VerifySignatures } from "../../../core/analyze/signatures.js";
import type { CapturedMessage } from "../../../core/input/captured.js";
import { groupExchanges } from "../../../core/saml/flows.js";
import { analyzeMessage, identifyMessage, type MessageAnalysis, type MessageFacts } from "./analyze-message.js";
import { spProfileFor, type IdpTrust, type ResolvedProfile } from "./profile.js";

export interface AnalystRow {
  readonly captured: CapturedMessage;
  /** The receiver's clock for time checks. */
  readonly clock: Date;
}

export interface AnalystSettings {
  readonly profile: ResolvedProfile;
  /** Certificates the user supplied, by IdP entity ID. */
  readonly trust: ReadonlyMap<string, IdpTrust>;
}

export interface AnalystBatch {
  /** Facts of rows read in this slice (in row order, continuing the previous batch's). */
  readonly facts: readonly { readonly index: number; readonly facts: MessageFacts }[];
  /** `analysis` is `undefined` when the core could not analyse the message at all. */
  readonly analyses: readonly { readonly index: number; readonly analysis: MessageAnalysis | undefined }[];
  /** Rows the analyst holds, and how many of them still wait for their analysis. */
  readonly received: number;
  readonly pending: number;
}

export interface AnalystOptions {
  readonly settings: AnalystSettings;
  readonly onBatch: (batch: AnalystBatch) => void;
  readonly verify?: VerifySignatures;
  /** How long one slice may run before results go out and the thread is given back. */
  readonly sliceMs?: number;
}

export class Analyst {
  private rows: AnalystRow[] = [];
  private facts: (MessageFacts | undefined)[] = [];
  /** Rows [0, identified) have their facts. */
  private identified = 0;
  /** Responses waiting for analysis, consumed from `head`. */
  private pending: number[] = [];
  private head = 0;
  private requestOf: Map<number, number> | undefined;
  private settings: AnalystSettings;
  private running = false;
  /** Bumped by clear() and configure(), so a slice in flight drops its stale results. */
  private generation = 0;

  constructor(private readonly options: AnalystOptions) {
    this.settings = options.settings;
  }

  get pendingCount(): number {
    return this.rows.length - this.identified + this.pending.length - this.head;
  }

  add(rows: readonly AnalystRow[]): void {
    if (rows.length === 0) return;
    this.rows.push(...rows);
    this.run();
  }

  clear(): void {
    this.generation += 1;
    this.rows = [];
    this.reset();
  }

  configure(settings: AnalystSettings): void {
    this.generation += 1;
    this.settings = settings;
    this.reset();
    this.run();
  }

  private reset(): void {
    this.facts = [];
    this.identified = 0;
    this.pending = [];
    this.head = 0;
    this.requestOf = undefined;
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.pendingCount > 0) this.run();
    });
  }

  private async drain(): Promise<void> {
    const sliceMs = this.options.sliceMs ?? 12;
    while (this.pendingCount > 0) {
      const generation = this.generation;
      const started = Date.now();
      const facts: { index: number; facts: MessageFacts }[] = [];
      const analyses: { index: number; analysis: MessageAnalysis | undefined }[] = [];
      const current = () => generation === this.generation && Date.now() - started < sliceMs;
      while (this.identified < this.rows.length && current()) {
        const index = this.identified;
        const row = this.rows[index];
        if (row === undefined) break;
        const read = row.captured.parameter === "SAMLRequest" ? await this.analyseRequest(row) : { facts: identifyMessage(row.captured), analysis: undefined };
        if (generation !== this.generation) break;
        this.identified += 1;
        this.facts[index] = read.facts;
        this.requestOf = undefined;
        facts.push({ index, facts: read.facts });
        if (read.analysis !== undefined || row.captured.parameter === "SAMLRequest") analyses.push({ index, analysis: read.analysis });
        else this.pending.push(index);
      }
      while (this.identified === this.rows.length && this.head < this.pending.length && current()) {
        const index = this.pending[this.head];
        this.head += 1;
        const row = index === undefined ? undefined : this.rows[index];
        if (row === undefined || index === undefined) continue;
        const requestIndex = this.pairing().get(index);
        const request = requestIndex === undefined ? undefined : this.rows[requestIndex]?.captured;
        const analysis = await analyzeMessage(row.captured, request, this.profileFor(this.facts[index]?.issuer), row.clock, this.options.verify);
        if (generation !== this.generation) break;
        analyses.push({ index, analysis });
      }
      if (generation === this.generation) this.options.onBatch({ facts, analyses, received: this.rows.length, pending: this.pendingCount });
      await yieldThread();
    }
  }

  /**
   * The full analysis of one analysed row again, for its details (the worker keeps only the list's summary of each
   * row): the same inputs as in its slice — the row, the request it answers, the profile of its issuer — so the same
   * result. `undefined` when the row is not analysed yet in this generation, or no longer exists.
   */
  async reanalyse(index: number): Promise<MessageAnalysis | undefined> {
    const row = this.rows[index];
    if (row === undefined || index >= this.identified) return undefined;
    if (row.captured.parameter === "SAMLRequest") return (await this.analyseRequest(row)).analysis;
    // A response still waiting in the queue; rows read after it never change the request it answers.
    if (this.pending.indexOf(index, this.head) !== -1) return undefined;
    const requestIndex = this.pairing().get(index);
    const request = requestIndex === undefined ? undefined : this.rows[requestIndex]?.captured;
    return analyzeMessage(row.captured, request, this.profileFor(this.facts[index]?.issuer), row.clock, this.options.verify);
  }

  /** A request is judged alone; the certificates of its issuer are known only once it is read, then it is judged again. */
  private async analyseRequest(row: AnalystRow): Promise<{ facts: MessageFacts; analysis: MessageAnalysis | undefined }> {
    let analysis = await analyzeMessage(row.captured, undefined, this.profileFor(undefined), row.clock, this.options.verify);
    const issuer = analysis?.message.issuer ?? undefined;
    if (issuer !== undefined && this.settings.trust.has(issuer)) analysis = await analyzeMessage(row.captured, undefined, this.profileFor(issuer), row.clock, this.options.verify);
    if (analysis === undefined) return { facts: identifyMessage(row.captured), analysis };
    const { message } = analysis;
    const facts: MessageFacts = { kind: message.kind ?? undefined, id: message.id ?? undefined, inResponseTo: message.inResponseTo ?? undefined, issuer: message.issuer ?? undefined };
    return { facts, analysis };
  }

  private profileFor(issuer: string | undefined) {
    return spProfileFor(this.settings.profile, issuer === undefined ? undefined : this.settings.trust.get(issuer));
  }

  private pairing(): Map<number, number> {
    if (this.requestOf !== undefined) return this.requestOf;
    const exchanges = groupExchanges(
      this.rows.map((row, index) => {
        const facts = this.facts[index];
        return { index, kind: facts?.kind, id: facts?.id, inResponseTo: facts?.inResponseTo, relayState: row.captured.relayState };
      }),
    );
    const requestOf = new Map<number, number>();
    for (const exchange of exchanges) if (exchange.request !== null && exchange.response !== null) requestOf.set(exchange.response, exchange.request);
    this.requestOf = requestOf;
    return requestOf;
  }
}

/**
 * Lets messages in (more rows, a Clear) and, on the page, the UI run. A message to itself, where it can: nested
 * zero-delay timers are held back to 4 ms each, a sixth of a worker's slice.
 */
function yieldThread(): Promise<void> {
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
