/** Recorder records → the core's captured messages (the same input the panel and the CLI analyse). */
import type { CapturedMessage } from "../core/input/captured.js";
import { messagesFromForm, messagesFromQuery } from "../core/input/parameters.js";
import type { RecorderRecord } from "../platform/recorder-store.js";

export function capturedFromRecords(records: readonly RecorderRecord[]): CapturedMessage[] {
  return records.flatMap((record) => {
    const context = { url: record.url, startedAt: record.time, origin: `recorded request ${record.method} ${record.url}`, answer: undefined };
    if (record.form !== undefined) return messagesFromForm(new URLSearchParams(record.form).toString(), context);
    try {
      return messagesFromQuery(new URL(record.url).search, context);
    } catch {
      return [];
    }
  });
}
