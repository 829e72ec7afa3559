/**
 * Entry point of the bundle scripts/fuzz.mjs builds: the main thread imports it for the targets and the CLI cases;
 * started as a worker it runs batches of cases and reports each case's start and end, so the main thread can stop a
 * case that hangs and name its reproducer.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { loadCorpus } from "./corpus.js";
import { TARGETS } from "./targets.js";

export { loadCorpus } from "./corpus.js";
export { TARGETS } from "./targets.js";
export { cliCases, cliProblem } from "./cli-cases.js";

export interface BatchRequest {
  readonly target: string;
  readonly seed: number;
  readonly count: number;
  /** Index of the first case to run (the ones before it ran in a worker that was replaced). */
  readonly from: number;
}

export type WorkerReport =
  | { readonly type: "start"; readonly index: number }
  | { readonly type: "done"; readonly index: number; readonly ms: number; readonly failure?: { readonly kind: string; readonly message: string; readonly stack: string; readonly reproducer: string } }
  | { readonly type: "batch-done" };

function describeError(error: unknown): { kind: string; message: string; stack: string } {
  if (error instanceof Error) return { kind: error.name, message: error.message, stack: error.stack ?? "" };
  return { kind: "thrown", message: String(error), stack: "" };
}

async function runBatch(request: BatchRequest, corpus: ReturnType<typeof loadCorpus>, post: (report: WorkerReport) => void): Promise<void> {
  const target = TARGETS.find((candidate) => candidate.name === request.target);
  if (target === undefined) throw new Error(`unknown target ${request.target}`);
  const cases = target.cases(corpus, request.seed, request.count);
  for (const [index, item] of cases.entries()) {
    if (index < request.from) continue;
    post({ type: "start", index });
    const started = performance.now();
    let failure: { kind: string; message: string; stack: string } | undefined;
    try {
      await item.run();
    } catch (error) {
      failure = describeError(error);
    }
    const ms = performance.now() - started;
    if (failure === undefined && ms > target.timeoutMs) {
      failure = { kind: "Hang", message: `the case took ${Math.round(ms)} ms, over the ${target.timeoutMs} ms bound`, stack: "" };
    }
    post({ type: "done", index, ms, ...(failure === undefined ? {} : { failure: { ...failure, reproducer: item.reproducer } }) });
  }
  post({ type: "batch-done" });
}

function isFuzzWorker(data: unknown): data is { role: "fuzz-worker"; root: string } {
  return typeof data === "object" && data !== null && "role" in data && data.role === "fuzz-worker" && "root" in data && typeof data.root === "string";
}

if (!isMainThread && parentPort !== null && isFuzzWorker(workerData)) {
  const port = parentPort;
  const corpus = loadCorpus(workerData.root);
  let queue = Promise.resolve();
  port.on("message", (request: BatchRequest) => {
    queue = queue.then(() => runBatch(request, corpus, (report) => port.postMessage(report)));
  });
}
