/**
 * The baseline of the panel bench's "all analysed" figure: the capture's messages analysed one after the other in a
 * plain loop in a worker, with the panel's own analysis call and no profile, nothing posted until the end. Built by
 * bench/panel.bench.ts into the extension's directory, so that the panel page can start it.
 */
import { readCaptureFile } from "../../src/ui/panel/model/har-file.js";
import { analyzeMessage } from "../../src/ui/panel/model/analyze-message.js";
import { resolveProfile, spProfileFor, NO_PROFILE } from "../../src/ui/panel/model/profile.js";

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<File>) => void) | null; postMessage: (message: { ms: number; analysed: number }) => void };

scope.onmessage = async (event) => {
  const read = await readCaptureFile(event.data);
  if (!read.ok) throw new Error(read.message);
  const profile = spProfileFor(resolveProfile(NO_PROFILE), undefined);
  const messages = read.entries.flatMap((entry) => entry.messages.map((captured) => ({ captured, clock: new Date(entry.http.startedAt ?? Date.now()) })));
  const started = performance.now();
  let analysed = 0;
  for (const { captured, clock } of messages) if ((await analyzeMessage(captured, undefined, profile, clock)) !== undefined) analysed += 1;
  scope.postMessage({ ms: performance.now() - started, analysed });
};
