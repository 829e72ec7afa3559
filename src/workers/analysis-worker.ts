/**
 * The panel's analysis, off the UI thread: one worker per panel for its whole life, holding the captured messages and
 * analysing them with the core (src/ui/panel/model/analyst.ts) in slices, posting facts and verdicts in batches; the
 * full analysis of a message (XML, model, findings, signatures) only when the page asks for it.
 */
import { Analyst } from "../ui/panel/model/analyst.js";
import { readRequest, type FromAnalysisWorker } from "../ui/panel/model/analysis-protocol.js";
import type { MessageAnalysis } from "../ui/panel/model/analyze-message.js";
import { resolveProfile, NO_PROFILE } from "../ui/panel/model/profile.js";
import { summaryOf } from "../ui/panel/model/row-summary.js";

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage: (message: FromAnalysisWorker) => void };

/** Long enough that a batch carries a few hundred verdicts, short enough that the first ones show at once. */
const SLICE_MS = 40;

let generation = 0;
/** The full analyses, by row, for the details of the message the user opens. */
let analyses: (MessageAnalysis | undefined)[] = [];
const analyst = new Analyst({
  settings: { profile: resolveProfile(NO_PROFILE), trust: new Map() },
  sliceMs: SLICE_MS,
  onBatch: ({ facts, analyses: results, received, pending }) => {
    for (const { index, analysis } of results) analyses[index] = analysis;
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
    if (message.generation === generation) scope.postMessage({ type: "detail", generation, index: message.index, analysis: analyses[message.index] });
  } else if (message.type === "clear") {
    generation = message.generation;
    analyses = [];
    analyst.clear();
  } else {
    generation = message.generation;
    analyses = [];
    analyst.configure({ profile: message.profile, trust: new Map(message.trust.map((trust) => [trust.entityId, trust])) });
  }
};
