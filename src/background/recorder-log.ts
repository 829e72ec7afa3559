/**
 * The recorder's records in storage.session (layout in src/platform/recorder-store.ts): one key per record and one
 * small summary, so that a capture costs the same whether 10 or 5,000 records are kept. The ring buffer (the user's
 * cap and MAX_BYTES), the dropped count and the handling of a full storage quota behave as when the whole recording
 * was one value.
 */
import { browser } from "../platform/browser.js";
import {
  CAP_KEY,
  checkedMeta,
  checkedRecord,
  keptCount,
  MAX_BYTES,
  META_KEY,
  readRecorderMeta,
  recordBytes,
  recordKey,
  recordKeys,
  type RecorderMeta,
  type RecorderRecord,
  type RecorderSettings,
} from "../platform/recorder-store.js";

/** Sizes of the records this worker has written or read, by number: dropping the oldest needs them. */
const sizes = new Map<number, number>();

/** Writes are read-modify-write: serialize them inside this worker. */
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(step: () => Promise<T>): Promise<T> {
  const next = queue.then(step);
  queue = next.catch(() => undefined);
  return next;
}

/** Changes what the user controls (recording, sites, problem); the records stay. */
export function updateRecorder(change: (settings: RecorderSettings) => RecorderSettings): Promise<RecorderMeta> {
  return serialized(async () => {
    const meta = await readRecorderMeta();
    const { first, next, bytes } = meta;
    const updated: RecorderMeta = { ...change(settingsOf(meta)), first, next, bytes };
    await browser.storage.session.set({ [META_KEY]: checkedMeta(updated) });
    return updated;
  });
}

function settingsOf({ first: _first, next: _next, bytes: _bytes, ...settings }: RecorderMeta): RecorderSettings {
  return settings;
}

/** Forgets every record (the numbering goes on, so a page never takes a new record for one it has shown). */
export function clearRecorder(): Promise<RecorderMeta> {
  return serialized(async () => {
    const { problem: _problem, ...meta } = await readRecorderMeta();
    const cleared: RecorderMeta = { ...meta, first: meta.next, bytes: 0, dropped: 0 };
    await browser.storage.session.set({ [META_KEY]: checkedMeta(cleared) });
    await removeRecords(meta.first, meta.next);
    return cleared;
  });
}

/** Keeps the newest `cap` records from now on, and drops what is over it now. */
export function setRecorderCap(cap: number): Promise<RecorderMeta> {
  return serialized(async () => {
    const meta = await readRecorderMeta();
    const over = Math.max(0, keptCount(meta) - cap);
    const until = meta.first + over;
    const freed = await sizesOf(meta.first, until);
    const updated: RecorderMeta = { ...meta, cap, first: until, bytes: meta.bytes - freed, dropped: meta.dropped + over };
    await browser.storage.session.set({ [META_KEY]: checkedMeta(updated) });
    await browser.storage.local.set({ [CAP_KEY]: cap });
    await removeRecords(meta.first, until);
    return updated;
  });
}

/** Appends a record when `accept` says so (recording, one of the sites), keeping within the cap and MAX_BYTES. */
export function appendRecord(record: RecorderRecord, accept: (meta: RecorderMeta) => boolean): Promise<RecorderMeta> {
  return serialized(async () => {
    const meta = await readRecorderMeta();
    if (!accept(meta)) return meta;
    const size = recordBytes(record);
    if (size > MAX_BYTES) return writeMeta({ ...meta, problem: tooLarge(record) });
    // A record larger than MAX_BYTES on its own was refused above, rather than letting it push out everything before it.
    let { first, bytes, dropped } = meta;
    const seq = meta.next;
    bytes += size;
    while (seq + 1 - first > 1 && (seq + 1 - first > meta.cap || bytes > MAX_BYTES)) {
      bytes -= await sizeOf(first);
      first += 1;
      dropped += 1;
    }
    return writeWithinQuota(meta, { ...meta, first, next: seq + 1, bytes, dropped }, record, seq, size);
  });
}

async function writeMeta(meta: RecorderMeta): Promise<RecorderMeta> {
  await browser.storage.session.set({ [META_KEY]: checkedMeta(meta) });
  return meta;
}

/** Chrome: "Session storage quota bytes exceeded…"; Firefox: a QuotaExceededError. */
function isQuotaError(error: unknown): boolean {
  return /quota/i.test(error instanceof Error ? `${error.name} ${error.message}` : String(error));
}

/**
 * storage.session has a fixed quota (10 MB in Chrome) that other data shares, so a write can fail however carefully
 * MAX_BYTES is kept: then the oldest half of the records goes, again until the new one fits, and the user is told. A
 * single request too large to store at all is dropped itself, and recording goes on.
 */
async function writeWithinQuota(before: RecorderMeta, planned: RecorderMeta, record: RecorderRecord, seq: number, size: number): Promise<RecorderMeta> {
  // The records that fell out of the ring buffer go first: their room is what the new one needs.
  await removeRecords(before.first, planned.first);
  let candidate = planned;
  for (;;) {
    try {
      await browser.storage.session.set({ [recordKey(seq)]: checkedRecord(record), [META_KEY]: checkedMeta(candidate) });
      sizes.set(seq, size);
      return candidate;
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      const older = seq - candidate.first;
      if (older === 0) {
        // Nothing older left to make room: this request alone does not fit.
        return writeMeta({ ...candidate, first: seq + 1, next: seq + 1, bytes: 0, dropped: candidate.dropped + 1, problem: tooLarge(record) });
      }
      const lost = Math.ceil((older + 1) / 2);
      const until = Math.min(seq, candidate.first + lost);
      const freed = await sizesOf(candidate.first, until);
      await removeRecords(candidate.first, until);
      const dropped = candidate.dropped + (until - candidate.first);
      candidate = {
        ...candidate,
        first: until,
        bytes: candidate.bytes - freed,
        dropped,
        problem: `The browser's session storage is full: the ${dropped - planned.dropped} oldest requests were dropped to keep recording.`,
      };
    }
  }
}

async function removeRecords(from: number, to: number): Promise<void> {
  if (to <= from) return;
  await browser.storage.session.remove(recordKeys(from, to));
  for (let seq = from; seq < to; seq++) sizes.delete(seq);
}

/** The size of a stored record: remembered, or read (after the worker restarted). */
async function sizeOf(seq: number): Promise<number> {
  return sizesOf(seq, seq + 1);
}

async function sizesOf(from: number, to: number): Promise<number> {
  const unknown = recordKeys(from, to).filter((_, offset) => !sizes.has(from + offset));
  if (unknown.length > 0) {
    const stored = await browser.storage.session.get(unknown);
    for (const key of unknown) {
      const value = stored[key];
      sizes.set(Number(key.slice(key.indexOf(":") + 1)), value === undefined ? 0 : JSON.stringify(value).length);
    }
  }
  let total = 0;
  for (let seq = from; seq < to; seq++) total += sizes.get(seq) ?? 0;
  return total;
}

const megabytes = (chars: number) => `${(chars / 1024 / 1024).toFixed(1)} MB`;

function tooLarge(record: RecorderRecord): string {
  let host = record.url;
  try {
    host = new URL(record.url).host;
  } catch {
    // Shown as captured.
  }
  return `A request of ${megabytes(recordBytes(record))} to ${host} was too large for the browser's session storage and was not kept; recording goes on.`;
}
