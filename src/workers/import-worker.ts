/**
 * The panel's HAR import, off the UI thread: reads the dropped file chunk by chunk (File.stream()), imports it with the
 * core's streaming importer and posts progress, then the SAML-carrying entries in batches (the analysis worker judges
 * them). One worker per import; the panel
 * cancels by terminating it.
 */
import * as z from "zod/mini";
import { readCaptureEntries } from "../ui/panel/model/har-file.js";
import { batchesOf, PROGRESS_STEP_BYTES, toImportWorkerSchema, type FromImportWorker } from "../ui/panel/model/import-protocol.js";

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage: (message: FromImportWorker) => void };

scope.onmessage = (event) => {
  const request = z.safeParse(toImportWorkerSchema, event.data);
  if (!request.success) return;
  const file = request.data.file;
  let posted = 0;
  void readCaptureEntries(file, {
    onProgress: ({ bytesRead, totalBytes }) => {
      if (bytesRead - posted < PROGRESS_STEP_BYTES && bytesRead < totalBytes) return;
      posted = bytesRead;
      scope.postMessage({ type: "progress", bytesRead, totalBytes });
    },
  }).then((read) => {
    if (!read.ok) return scope.postMessage({ type: "done", read });
    for (const entries of batchesOf(read.entries)) scope.postMessage({ type: "entries", entries });
    scope.postMessage({ type: "done", read: { ok: true, requestCount: read.requestCount, messageCount: read.messageCount } });
  });
};
