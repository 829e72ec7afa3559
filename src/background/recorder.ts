/**
 * The standalone recorder: `webRequest.onBeforeRequest` sees the SAML messages of every tab on the origins the user
 * granted for recording — a POST's form fields (`requestBody.formData`, or the `raw` bytes when the browser did not
 * parse the form) and a Redirect binding's query string. Only the SAML parameters are kept, with the request's headers
 * as sent (`onSendHeaders`) and the status of the answer (`onResponseStarted`, `onBeforeRedirect`): whether Keycloak
 * answered with its error page or its login page decides the verdict.
 */
import { browser, TARGET_BROWSER, type WebRequest } from "../platform/browser.js";
import { patternLabel, urlMatchesPattern } from "../platform/origins.js";
import { readRecorderMeta, type RecorderRecord } from "../platform/recorder-store.js";
import { appendRecord, clearRecorder, setRecorderCap, updateRecorder } from "./recorder-log.js";

export { updateRecorder };

const SAML_FIELDS = ["SAMLRequest", "SAMLResponse", "RelayState", "SigAlg", "Signature"] as const;

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


/**
 * SAML requests seen by onBeforeRequest (which has the body) waiting for onSendHeaders (which has the headers as
 * sent) and for the answer's status, by request id; the record is stored once, complete, so a page that shows it never
 * sees half of it. All events of one request reach the same worker (a request in flight keeps it running), so memory
 * is enough here.
 */
const awaitingHeaders = new Map<string, RecorderRecord>();
/** Header values longer than this are cut: a record must stay small next to the 10 MB of storage.session. */
const MAX_HEADER_CHARS = 8192;

function onBeforeRequest(details: WebRequest.OnBeforeRequestDetailsType): void {
  const form = details.method === "POST" ? samlForm(details) : undefined;
  if (form === undefined && !hasSamlQuery(details.url)) return;
  awaitingHeaders.set(details.requestId, {
    id: `${details.requestId}-${details.timeStamp}`,
    time: new Date(details.timeStamp).toISOString(),
    tabId: details.tabId,
    method: details.method,
    url: details.url,
    ...(form === undefined ? {} : { form }),
  });
}

function onSendHeaders(details: WebRequest.OnSendHeadersDetailsType): void {
  const record = awaitingHeaders.get(details.requestId);
  if (record === undefined) return;
  const headers = (details.requestHeaders ?? []).map((header) => ({ name: header.name, value: (header.value ?? "").slice(0, MAX_HEADER_CHARS) }));
  awaitingHeaders.set(details.requestId, { ...record, headers });
}

/**
 * The answer started (or was a redirect): the record is kept with its status. A request that ended without an answer
 * (failed, cancelled) or without sending headers (from the cache, redirected inside the browser) is kept without them.
 */
function onRequestEnded(details: { requestId: string; statusCode?: number; redirectUrl?: string }): void {
  const record = awaitingHeaders.get(details.requestId);
  if (record === undefined) return;
  awaitingHeaders.delete(details.requestId);
  const status = details.statusCode !== undefined && details.statusCode > 0 ? { status: details.statusCode } : {};
  const location = details.redirectUrl === undefined || details.redirectUrl === "" ? {} : { location: details.redirectUrl };
  keep({ ...record, ...status, ...location });
}

function keep(record: RecorderRecord): void {
  void appendRecord(record, (meta) => meta.recording && meta.origins.some((pattern) => urlMatchesPattern(record.url, pattern)));
}

/**
 * Chrome hands Cookie (and a few other headers) to listeners only with `extraHeaders`, which Firefox does not know and
 * refuses; Firefox gives them without it.
 */
function sendHeadersOptions(): WebRequest.OnSendHeadersOptions[] {
  const options: WebRequest.OnSendHeadersOptions[] = ["requestHeaders"];
  if (TARGET_BROWSER === "chrome") options.push("extraHeaders");
  return options;
}

/**
 * The user can take access to a site back at any time (the browser's extension settings, or removing it in our
 * options): webRequest then goes silent for it. Say so instead of showing a recording that records nothing.
 */
async function onAccessRemoved(): Promise<void> {
  const state = await readRecorderMeta();
  if (!state.recording) return;
  const granted = await Promise.all(state.origins.map((pattern) => browser.permissions.contains({ origins: [pattern] }).catch(() => false)));
  const lost = state.origins.filter((_, index) => granted[index] !== true);
  if (lost.length === 0) return;
  await updateRecorder((current) => {
    const origins = current.origins.filter((pattern) => !lost.includes(pattern));
    const sites = lost.map(patternLabel).join(", ");
    return {
      ...current,
      origins,
      recording: current.recording && origins.length > 0,
      problem:
        origins.length > 0
          ? `The browser no longer gives SAML Lens access to ${sites}: recording goes on for ${origins.map(patternLabel).join(", ")} only.`
          : `The browser no longer gives SAML Lens access to ${sites}: recording stopped. What was recorded is kept.`,
    };
  });
}

/** Registered at the worker's top level, so a restarted worker receives the next event too. */
export function installRecorder(): void {
  const urls = ["http://*/*", "https://*/*"];
  browser.webRequest.onBeforeRequest.addListener(onBeforeRequest, { urls }, ["requestBody"]);
  browser.webRequest.onSendHeaders.addListener(onSendHeaders, { urls }, sendHeadersOptions());
  browser.webRequest.onBeforeRedirect.addListener(onRequestEnded, { urls });
  browser.webRequest.onResponseStarted.addListener(onRequestEnded, { urls });
  browser.webRequest.onErrorOccurred.addListener(onRequestEnded, { urls });
  browser.permissions.onRemoved.addListener(() => void onAccessRemoved());
}

export const recorderHandlers = {
  "recorder.start": async ({ origins }: { origins: string[] }) => {
    const granted = await browser.permissions.contains({ origins });
    if (!granted) return { recording: false, reason: "The browser has not granted access to these sites." };
    await updateRecorder(({ problem: _problem, ...state }) => ({ ...state, recording: true, origins }));
    return { recording: true };
  },
  "recorder.stop": async () => {
    await updateRecorder((state) => ({ ...state, recording: false }));
    return { recording: false };
  },
  "recorder.clear": async () => {
    await clearRecorder();
    return { cleared: true };
  },
  "recorder.set-cap": async ({ cap }: { cap: number }) => {
    const meta = await setRecorderCap(cap);
    return { cap: meta.cap };
  },
};

