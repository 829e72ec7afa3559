/**
 * The standalone recorder: `webRequest.onBeforeRequest` sees the SAML messages of every tab on the origins the user
 * granted for recording — a POST's form fields (`requestBody.formData`, or the `raw` bytes when the browser did not
 * parse the form) and a Redirect binding's query string. Only the SAML parameters are kept.
 */
import { browser, type WebRequest } from "../platform/browser.js";
import { urlMatchesPattern } from "../platform/origins.js";
import { MAX_BYTES, readRecorderState, writeRecorderState, type RecorderRecord, type RecorderState } from "../platform/recorder-store.js";

const SAML_FIELDS = ["SAMLRequest", "SAMLResponse", "RelayState", "SigAlg", "Signature"] as const;

/** Writes are read-modify-write on one storage key: serialize them inside this worker. */
let queue: Promise<unknown> = Promise.resolve();
export function updateRecorder(change: (state: RecorderState) => RecorderState): Promise<RecorderState> {
  const next = queue.then(async () => {
    const updated = change(await readRecorderState());
    await writeRecorderState(updated);
    return updated;
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Appends, keeping at most `cap` records and at most MAX_BYTES of them; counts what falls out. */
export function appendRecord(state: RecorderState, record: RecorderRecord): RecorderState {
  const records = [...state.records, record];
  let dropped = state.dropped;
  let bytes = records.reduce((sum, item) => sum + JSON.stringify(item).length, 0);
  while (records.length > 1 && (records.length > state.cap || bytes > MAX_BYTES)) {
    const removed = records.shift();
    if (removed !== undefined) bytes -= JSON.stringify(removed).length;
    dropped++;
  }
  return { ...state, records, dropped };
}

function samlForm(details: WebRequest.OnBeforeRequestDetailsType): Record<string, string> | undefined {
  const body = details.requestBody;
  if (body === undefined || body === null) return undefined;
  let params: URLSearchParams | undefined;
  if (body.formData) {
    params = new URLSearchParams();
    for (const [name, values] of Object.entries(body.formData)) {
      const first = Array.isArray(values) ? values[0] : undefined;
      if (typeof first === "string") params.set(name, first);
    }
  } else if (body.raw) {
    // Large or unusual bodies come as bytes: decode as UTF-8 (never byte-per-char) and parse as a form.
    const chunks = body.raw.map((part) => (part.bytes instanceof ArrayBuffer ? new Uint8Array(part.bytes) : new Uint8Array()));
    const total = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      total.set(chunk, offset);
      offset += chunk.length;
    }
    params = new URLSearchParams(new TextDecoder().decode(total));
  }
  if (params === undefined || (!params.has("SAMLRequest") && !params.has("SAMLResponse"))) return undefined;
  const form: Record<string, string> = {};
  for (const field of SAML_FIELDS) {
    const value = params.get(field);
    if (value !== null) form[field] = value;
  }
  return form;
}

function hasSamlQuery(url: string): boolean {
  try {
    const params = new URL(url).searchParams;
    return params.has("SAMLRequest") || params.has("SAMLResponse");
  } catch {
    return false;
  }
}


function onBeforeRequest(details: WebRequest.OnBeforeRequestDetailsType): void {
  const form = details.method === "POST" ? samlForm(details) : undefined;
  if (form === undefined && !hasSamlQuery(details.url)) return;
  void updateRecorder((state) => {
    if (!state.recording || !state.origins.some((pattern) => urlMatchesPattern(details.url, pattern))) return state;
    const record: RecorderRecord = {
      id: `${details.requestId}-${details.timeStamp}`,
      time: new Date(details.timeStamp).toISOString(),
      tabId: details.tabId,
      method: details.method,
      url: details.url,
      ...(form === undefined ? {} : { form }),
    };
    return appendRecord(state, record);
  });
}

/** Registered at the worker's top level, so a restarted worker receives the next event too. */
export function installRecorder(): void {
  browser.webRequest.onBeforeRequest.addListener(onBeforeRequest, { urls: ["http://*/*", "https://*/*"] }, ["requestBody"]);
}

export const recorderHandlers = {
  "recorder.start": async ({ origins }: { origins: string[] }) => {
    const granted = await browser.permissions.contains({ origins });
    if (!granted) return { recording: false, reason: "The browser has not granted access to these sites." };
    await updateRecorder((state) => ({ ...state, recording: true, origins }));
    return { recording: true };
  },
  "recorder.stop": async () => {
    await updateRecorder((state) => ({ ...state, recording: false }));
    return { recording: false };
  },
  "recorder.clear": async () => {
    await updateRecorder((state) => ({ ...state, records: [], dropped: 0 }));
    return { cleared: true };
  },
  "recorder.set-cap": async ({ cap }: { cap: number }) => {
    const state = await updateRecorder((current) => {
      const records = current.records.slice(-cap);
      return { ...current, cap, records, dropped: current.dropped + (current.records.length - records.length) };
    });
    return { cap: state.cap };
  },
};

