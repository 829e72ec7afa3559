/**
 * Reading a dropped capture file chunk by chunk, as the import worker does (here on node's own Blob streams): progress
 * up to the file's size, cancel between chunks, the same entries as the one-shot import, and SAML-tracer exports.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importHarBytes } from "../../../src/core/har/stream-import.js";
import { readCaptureEntries } from "../../../src/ui/panel/model/har-file.js";
import { fromImportWorkerSchema } from "../../../src/ui/panel/model/import-protocol.js";
import { PANEL_FIXTURES } from "./support.js";

const session = readFileSync(join(PANEL_FIXTURES, "session.har"));

/** The capture with non-SAML page loads in front, so the file spans many stream chunks. */
function paddedCapture(pages: number): Blob {
  const har = JSON.parse(session.toString("utf8")) as { log: { entries: unknown[] } };
  const filler = Array.from({ length: pages }, (_, index) => ({
    startedDateTime: "2025-06-01T11:59:00.000Z",
    request: { method: "GET", url: `https://app.example.com/page/${index}`, headers: [] },
    response: { status: 200, headers: [], content: { mimeType: "text/html", text: `<p>${"x".repeat(20_000)}</p>` } },
  }));
  har.log.entries = [...filler, ...har.log.entries];
  // In 64 KiB parts, as browsers stream a file.
  const bytes = Buffer.from(JSON.stringify(har));
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let start = 0; start < bytes.length; start += 1 << 16) parts.push(new Uint8Array(bytes.subarray(start, start + (1 << 16))));
  return new Blob(parts);
}

describe("readCaptureEntries", () => {
  it("reports progress up to the file's size and keeps exactly the entries the one-shot import keeps", async () => {
    const file = paddedCapture(200);
    const progress: number[] = [];
    const read = await readCaptureEntries(file, { onProgress: ({ bytesRead, totalBytes }) => (expect(totalBytes).toBe(file.size), progress.push(bytesRead)) });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(file.size);
    const whole = importHarBytes(new Uint8Array(await file.arrayBuffer()));
    if (!read.ok || !whole.ok) throw new Error("import failed");
    expect(read.requestCount).toBe(208);
    expect(read.messageCount).toBe(8);
    expect(read.entries).toEqual(whole.entries);
    // What the worker posts passes the panel's check of worker messages.
    expect(fromImportWorkerSchema.safeParse({ type: "done", read }).success).toBe(true);
  });

  it("stops between chunks when cancelled, with nothing imported", async () => {
    const controller = new AbortController();
    const file = paddedCapture(200);
    let last = 0;
    const read = await readCaptureEntries(file, {
      signal: controller.signal,
      onProgress: ({ bytesRead }) => {
        last = bytesRead;
        controller.abort();
      },
    });
    expect(read).toEqual({ ok: false, message: "Import cancelled.", cancelled: true });
    expect(last).toBeLessThan(file.size);
  });

  it("a file that is neither HAR nor SAML-tracer JSON gets the importer's error", async () => {
    const read = await readCaptureEntries(new Blob(['"just a string"']));
    expect(read.ok).toBe(false);
    expect(read.ok ? "" : read.message).toContain("not a HAR file");
  });

  it("reads a SAML-tracer export whole, keeping only the requests with SAML", async () => {
    const har = JSON.parse(session.toString("utf8")) as { log: { entries: { request: { method: string; url: string; postData?: { text?: string } } }[] } };
    const requests = [
      { method: "GET", url: "https://app.example.com/", get: [], requestHeaders: [] },
      ...har.log.entries.slice(0, 2).map(({ request }) => ({
        method: request.method,
        url: request.url,
        requestHeaders: [],
        get: [...new URL(request.url).searchParams.entries()],
        ...(request.postData?.text === undefined ? {} : { post: [...new URLSearchParams(request.postData.text).entries()] }),
      })),
    ];
    const read = await readCaptureEntries(new Blob([JSON.stringify({ timestamp: "2025-06-01T12:00:00.000Z", requests })]));
    if (!read.ok) throw new Error(read.message);
    expect(read.requestCount).toBe(3);
    expect(read.messageCount).toBe(2);
    expect(read.entries.map((kept) => kept.index)).toEqual([1, 2]);
  });
});

describe("startImport without a worker (node has none): the same import on this thread", () => {
  it("imports with progress, and Cancel resolves as cancelled with nothing imported", async () => {
    const { startImport } = await import("../../../src/ui/panel/import-job.js");
    const bytes = new Uint8Array(await paddedCapture(200).arrayBuffer());
    const progress: number[] = [];
    let imported = 0;
    const done = await startImport(new File([bytes], "capture.har"), "import-worker.js", {
      onProgress: ({ bytesRead }) => progress.push(bytesRead),
      onEntries: (entries) => (imported += entries.reduce((sum, entry) => sum + entry.messages.length, 0)),
    }).done;
    expect(done.ok && done.messageCount).toBe(8);
    expect(imported).toBe(8);
    expect(progress.at(-1)).toBe(bytes.length);

    let afterCancel = 0;
    const job = startImport(new File([bytes], "capture.har"), "import-worker.js", { onProgress: () => job.cancel(), onEntries: (entries) => (afterCancel += entries.length) });
    const cancelled = await job.done;
    expect(cancelled).toEqual({ ok: false, message: "Import cancelled.", cancelled: true });
    expect(afterCancel).toBe(0);
  });
});
