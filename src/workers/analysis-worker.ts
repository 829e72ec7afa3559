/**
 * The panel's analysis, off the UI thread: one worker per panel for its whole life, holding the captured messages and
 * analysing them with the core (src/ui/panel/model/analyst.ts) in slices, posting facts and verdicts in batches.
 */
import { Analyst } from "../ui/panel/model/analyst.js";
import { readRequest, type FromAnalysisWorker } from "../ui/panel/model/analysis-protocol.js";
import { resolveProfile, NO_PROFILE } from "../ui/panel/model/profile.js";

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage: (message: FromAnalysisWorker) => void };

/** Long enough that a batch carries a few hundred verdicts, short enough that the first ones show at once. */
const SLICE_MS = 25;

let generation = 0;
const analyst = new Analyst({
  settings: { profile: resolveProfile(NO_PROFILE), trust: new Map() },
  sliceMs: SLICE_MS,
  onBatch: (batch) => scope.postMessage({ type: "batch", generation, ...batch }),
});

scope.onmessage = (event) => {
  const message = readRequest(event.data);
  if (message === undefined) return;
  if (message.type === "add") {
    if (message.generation === generation) analyst.add(message.rows);
  } else if (message.type === "clear") {
    generation = message.generation;
    analyst.clear();
  } else {
    generation = message.generation;
    analyst.configure({ profile: message.profile, trust: new Map(message.trust.map((trust) => [trust.entityId, trust])) });
  }
};
