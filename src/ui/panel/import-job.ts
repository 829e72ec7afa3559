/**
 * One file import with progress and cancel: in a worker when the page can start one (the extension's panel and
 * recorder), so reading and parsing a 100 MB HAR never blocks the UI thread; on this thread otherwise (a plain page
 * in tests, a browser that refuses the worker), where the streaming importer still yields between chunks.
 */
import * as z from "zod/mini";
import { CANCELLED, entriesOfRead, readCaptureFile, type HarFileResult, type ReadProgress } from "./model/har-file.js";
import { fromImportWorkerSchema, type ToImportWorker } from "./model/import-protocol.js";

export interface ImportJob {
  readonly done: Promise<HarFileResult>;
  /** Stops the import; `done` then resolves as cancelled. */
  readonly cancel: () => void;
}

export function startImport(file: File, workerUrl: string | undefined, onProgress: (progress: ReadProgress) => void): ImportJob {
  let worker: Worker | undefined;
  try {
    worker = workerUrl === undefined || typeof Worker === "undefined" ? undefined : new Worker(workerUrl);
  } catch {
    worker = undefined;
  }
  return worker === undefined ? onThisThread(file, onProgress) : inWorker(worker, file, onProgress);
}

function inWorker(worker: Worker, file: File, onProgress: (progress: ReadProgress) => void): ImportJob {
  let settle: (result: HarFileResult) => void = () => undefined;
  const done = new Promise<HarFileResult>((resolve) => {
    settle = (result) => {
      worker.terminate();
      settle = () => undefined;
      resolve(result);
    };
  });
  worker.onmessage = (event: MessageEvent) => {
    const message = z.safeParse(fromImportWorkerSchema, event.data);
    if (!message.success) settle({ ok: false, message: "The import worker answered something unexpected." });
    else if (message.data.type === "progress") onProgress(message.data);
    else settle(entriesOfRead(message.data.read));
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    settle({ ok: false, message: `The import failed: ${event.message || "the import worker stopped"}` });
  };
  const request: ToImportWorker = { type: "import", file };
  worker.postMessage(request);
  return { done, cancel: () => settle(entriesOfRead(CANCELLED)) };
}

function onThisThread(file: File, onProgress: (progress: ReadProgress) => void): ImportJob {
  const controller = new AbortController();
  return { done: readCaptureFile(file, { onProgress, signal: controller.signal }), cancel: () => controller.abort() };
}
