/**
 * The panel's analysis, off the UI thread: one worker per panel for its whole life, holding the captured messages and
 * analysing them with the core (src/ui/panel/model/analyst.ts) in slices, posting facts and the list's summary of each
 * verdict in batches. The full analyses (XML, model, findings, signatures) are not kept: holding 10,000 of them made the
 * worker spend its time collecting garbage. The message the user opens is analysed again, with the same inputs.
 */
import { Analyst } from "../ui/panel/model/analyst.js";
import { readRequest, type FromAnalysisWorker } from "../ui/panel/model/analysis-protocol.js";
import { resolveProfile, NO_PROFILE } from "../ui/panel/model/profile.js";
import { summaryOf } from "../ui/panel/model/row-summary.js";

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage: (message: FromAnalysisWorker) => void };

/** Long enough that a batch carries a few hundred verdicts, short enough that the first ones show at once. */
const SLICE_MS = 40;

let generation = 0;
const analyst = new Analyst({
  settings: { profile: resolveProfile(NO_PROFILE), trust: new Map() },
  sliceMs: SLICE_MS,
  onBatch: ({ facts, analyses: results, received, pending }) => {
    scope.postMessage({
      type: "batch",
      generation,
      facts,
      results: results.map(({ index, analysis }) => ({ index, summary: analysis === undefined ? undefined : summaryOf(analysis) })),
      received,
      pending,
    });
  },
});

scope.onmessage = (event) => {
  const message = readRequest(event.data);
  if (message === undefined) return;
  if (message.type === "add") {
    if (message.generation === generation) analyst.add(message.rows);
  } else if (message.type === "detail") {
    if (message.generation === generation) void detail(message.index, generation);
  } else if (message.type === "clear") {
    generation = message.generation;
    analyst.clear();
  } else {
    generation = message.generation;
    analyst.configure({ profile: message.profile, trust: new Map(message.trust.map((trust) => [trust.entityId, trust])) });
  }
};

/** The full analysis of one row, answered only if no Clear or new profile came meanwhile. */
async function detail(index: number, asked: number): Promise<void> {
  const analysis = await analyst.reanalyse(index);
  if (asked === generation) scope.postMessage({ type: "detail", generation, index, analysis });
}
