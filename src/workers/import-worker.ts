/**
 * The panel's HAR import, off the UI thread: reads the dropped file chunk by chunk (File.stream()), imports it with the
 * core's streaming importer and posts progress and the SAML-carrying entries as they are read (the panel shows them
 * at once, and takes them back if the file turns out broken), then how it ended. One worker per import; the panel
 * cancels by terminating it.
 */
import * as z from "zod/mini";
import { readCaptureEntries } from "../ui/panel/model/har-file.js";
import { ENTRIES_PER_MESSAGE, FIRST_MESSAGE_ENTRIES, PROGRESS_STEP_BYTES, toImportWorkerSchema, type FromImportWorker } from "../ui/panel/model/import-protocol.js";

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage: (message: FromImportWorker) => void };

scope.onmessage = (event) => {
  const request = z.safeParse(toImportWorkerSchema, event.data);
  if (!request.success) return;
  const file = request.data.file;
  let posted = 0;
  let first = true;
  void readCaptureEntries(file, {
    onProgress: ({ bytesRead, totalBytes }) => {
      if (bytesRead - posted < PROGRESS_STEP_BYTES && bytesRead < totalBytes) return;
      posted = bytesRead;
      scope.postMessage({ type: "progress", bytesRead, totalBytes });
    },
    onEntries: (entries) => {
      // The first message carries a few entries only: the page reads and lists them before the next ones arrive.
      for (let start = 0; start < entries.length; ) {
        const size = first ? FIRST_MESSAGE_ENTRIES : ENTRIES_PER_MESSAGE;
        scope.postMessage({ type: "entries", entries: entries.slice(start, start + size) });
        start += size;
        first = false;
      }
    },
  }).then((read) => scope.postMessage({ type: "done", read: read.ok ? { ok: true, requestCount: read.requestCount, messageCount: read.messageCount } : read }));
};
