/**
 * One file import with progress and cancel: in a worker when the page can start one (the extension's panel and
 * recorder), so reading and parsing a 100 MB HAR never blocks the UI thread; on this thread otherwise (a plain page
 * in tests, a browser that refuses the worker), where the streaming importer still yields between chunks.
 */
import * as z from "zod/mini";
import { fromHarEntry, type CapturedEntry } from "./model/entry.js";
import { CANCELLED, readCaptureFile, type ReadProgress } from "./model/har-file.js";
import { fromImportWorkerSchema, type ToImportWorker } from "./model/import-protocol.js";

/** How an import ended; its entries went to `onEntries` as they came. */
export type ImportResult = { readonly ok: true; readonly requestCount: number; readonly messageCount: number } | { readonly ok: false; readonly message: string; readonly cancelled?: boolean };

export interface ImportCallbacks {
  readonly onProgress: (progress: ReadProgress) => void;
  /** The capture's SAML-carrying entries, in order, in batches; only once the file is known to be a good capture. */
  readonly onEntries: (entries: readonly CapturedEntry[]) => void;
}

export interface ImportJob {
  readonly done: Promise<ImportResult>;
  /** Stops the import; `done` then resolves as cancelled. */
  readonly cancel: () => void;
}

/** A worker started ahead of the next import (starting one takes longer than reading the first entries). */
let spare: { readonly url: string; readonly worker: Worker } | undefined;

function newWorker(url: string | undefined): Worker | undefined {
  try {
    return url === undefined || typeof Worker === "undefined" ? undefined : new Worker(url);
  } catch {
    return undefined;
  }
}

/** Starts the worker for the next import now (the panel calls this when it opens, and after each import). */
export function prepareImport(workerUrl: string | undefined): void {
  if (spare?.url === workerUrl || workerUrl === undefined) return;
  const worker = newWorker(workerUrl);
  if (worker === undefined) return;
  const ready = { url: workerUrl, worker };
  // A worker that failed to start (its script missing) is not handed to an import, which would wait for it forever.
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    if (spare === ready) spare = undefined;
    worker.terminate();
  };
  spare = ready;
}

/** Runs the reading of each of the worker's messages, in order (the panel spreads them over frames). */
export type Deliver = (work: () => void) => void;

export function startImport(file: File, workerUrl: string | undefined, callbacks: ImportCallbacks, deliver: Deliver = (work) => work()): ImportJob {
  let worker = spare?.url === workerUrl ? spare?.worker : undefined;
  spare = undefined;
  worker ??= newWorker(workerUrl);
  return worker === undefined ? onThisThread(file, callbacks) : inWorker(worker, file, callbacks, deliver);
}

function inWorker(worker: Worker, file: File, { onProgress, onEntries }: ImportCallbacks, deliver: Deliver): ImportJob {
  let settled = false;
  let settle: (result: ImportResult) => void = () => undefined;
  const done = new Promise<ImportResult>((resolve) => {
    settle = (result) => {
      worker.terminate();
      settled = true;
      settle = () => undefined;
      resolve(result);
    };
  });
  // Messages still waiting for their turn when the import was cancelled are dropped.
  worker.onmessage = (event: MessageEvent) =>
    deliver(() => {
      if (!settled) read(event);
    });
  const read = (event: MessageEvent) => {
    const message = z.safeParse(fromImportWorkerSchema, event.data);
    if (!message.success) settle({ ok: false, message: "The import worker answered something unexpected." });
    else if (message.data.type === "progress") onProgress(message.data);
    else if (message.data.type === "entries") onEntries(message.data.entries.map((kept) => fromHarEntry(kept.entry, kept.index)));
    else settle(message.data.read);
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    settle({ ok: false, message: `The import failed: ${event.message || "the import worker stopped"}` });
  };
  const request: ToImportWorker = { type: "import", file };
  worker.postMessage(request);
  return { done, cancel: () => settle(CANCELLED) };
}

function onThisThread(file: File, { onProgress, onEntries }: ImportCallbacks): ImportJob {
  const controller = new AbortController();
  const done = readCaptureFile(file, { onProgress, signal: controller.signal }).then((read): ImportResult => {
    if (!read.ok) return read;
    onEntries(read.entries);
    return { ok: true, requestCount: read.requestCount, messageCount: read.messageCount };
  });
  return { done, cancel: () => controller.abort() };
}
