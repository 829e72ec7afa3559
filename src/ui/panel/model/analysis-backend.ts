/**
 * Where the session's analysis runs: the panel's analysis worker (src/workers/analysis-worker.ts), or this thread in
 * slices where no worker runs. Both take the same calls; the session applies what comes back.
 */
import { readAnswer, type FromAnalysisWorker, type ToAnalysisWorker } from "./analysis-protocol.js";
import { Analyst, type AnalystOptions, type AnalystRow, type AnalystSettings } from "./analyst.js";

export interface Backend {
  add(rows: readonly AnalystRow[], generation: number): void;
  clear(generation: number): void;
  configure(settings: AnalystSettings, generation: number): void;
  /** Asks for the full analysis of one row (the worker keeps only each row's summary); this thread has them all. */
  detail(index: number, generation: number): void;
  dispose(): void;
}

/** The analysis on this thread: results go to `onBatch` as each slice ends. */
export function localBackend(options: AnalystOptions): Backend {
  const analyst = new Analyst(options);
  return {
    add: (rows) => analyst.add(rows),
    clear: () => analyst.clear(),
    configure: (settings) => analyst.configure(settings),
    detail: () => undefined,
    dispose: () => analyst.clear(),
  };
}

export interface WorkerCallbacks {
  /** Runs the applying of each answer, in order (the panel spreads them over frames). */
  readonly deliver: (work: () => void) => void;
  readonly onAnswer: (answer: FromAnalysisWorker) => void;
  /** The worker failed or answered something unexpected: it is stopped, and says nothing more. */
  readonly onFailure: () => void;
}

/** The analysis worker, configured with `settings` for `generation`; its answers are checked on arrival. */
export function workerBackend(worker: Worker, settings: AnalystSettings, generation: number, { deliver, onAnswer, onFailure }: WorkerCallbacks): Backend {
  const post = (message: ToAnalysisWorker) => worker.postMessage(message);
  /** Details asked for, so that each is asked once per generation. */
  const requested = new Set<string>();
  let failed = false;
  const fail = () => {
    if (failed) return;
    failed = true;
    worker.terminate();
    onFailure();
  };
  worker.onmessage = (event: MessageEvent) =>
    deliver(() => {
      if (failed) return;
      const answer = readAnswer(event.data);
      if (answer === undefined) fail();
      else onAnswer(answer);
    });
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    fail();
  };
  post({ type: "configure", generation, ...settingsMessage(settings) });
  return {
    add: (rows, at) => post({ type: "add", generation: at, rows }),
    clear: (at) => post({ type: "clear", generation: at }),
    configure: (next, at) => post({ type: "configure", generation: at, ...settingsMessage(next) }),
    detail: (index, at) => {
      if (requested.has(`${at} ${index}`)) return;
      requested.add(`${at} ${index}`);
      post({ type: "detail", generation: at, index });
    },
    dispose: () => worker.terminate(),
  };
}

/** The worker `create` starts; `undefined` where workers cannot run or it fails to start. */
export function startWorker(create: (() => Worker | undefined) | undefined): Worker | undefined {
  try {
    return typeof Worker === "undefined" ? undefined : create?.();
  } catch {
    return undefined;
  }
}

function settingsMessage(settings: AnalystSettings) {
  return { profile: settings.profile, trust: [...settings.trust.values()] };
}
