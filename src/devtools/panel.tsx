/**
 * Panel shell: connects DevTools' network events and extension storage to the Preact panel. Opened as a plain tab
 * (no DevTools) it still renders and imports HAR files; capture then delivers nothing.
 */
import { render } from "preact";
import { lookupConsoleClient } from "../platform/console-clients.js";
import { fetchGrantedText } from "../platform/fetch-granted.js";
import { openRecorderTab } from "../platform/recorder-store.js";
import { earlierRequests, hasDevtools, inspectedTabId, onNavigated, onRequestFinished, TARGET_BROWSER, watchInspectedUrl, type FinishedRequest } from "../platform/devtools.js";
import { localStore, sessionStore } from "../platform/storage.js";
import type { CaptureEvents, PanelHost } from "../ui/panel/host.js";
import { readEntry, wantsResponseBody, type CapturedEntry } from "../ui/panel/model/entry.js";
import { NO_PROFILE } from "../ui/panel/model/profile.js";
import { PanelApp } from "../ui/panel/PanelApp.js";

const attached = hasDevtools();
/** Numbers the requests of this panel's life, for messages ("HAR entry 12"). */
let counter = -1;

/** Reads a finished request; the response body is fetched only for an HTML answer to a SAML request (IdP error page). */
async function readFinished(request: FinishedRequest): Promise<CapturedEntry | undefined> {
  counter += 1;
  const index = counter;
  const entry = readEntry(request.entry, index);
  if (entry === undefined || !wantsResponseBody(entry)) return entry;
  return readEntry(request.entry, index, await request.readContent());
}

/** Identity of a request across getHAR() and onRequestFinished, which can both report the same one. */
function requestKey(raw: unknown): string {
  const entry = readEntry(raw, 0);
  return entry === undefined ? "" : `${entry.http.startedAt ?? ""} ${entry.http.method} ${entry.http.url}`;
}

function connect(events: CaptureEvents, signal: AbortSignal): void {
  if (!attached) return;
  watchInspectedUrl(events.inspectedUrl, signal);
  onNavigated(events.navigated, signal);
  // Live requests wait until the earlier ones (getHAR) are delivered, so the list stays in request order.
  let buffered: FinishedRequest[] | undefined = [];
  // Reading a body (an IdP error page) takes a round trip: deliveries are chained to keep the order of the requests.
  let delivered = Promise.resolve();
  const deliver = (request: FinishedRequest) => {
    const reading = readFinished(request);
    delivered = delivered.then(async () => {
      const entry = await reading;
      if (!signal.aborted) events.requests(entry === undefined ? [] : [entry], "live");
    });
  };
  onRequestFinished((request) => {
    if (buffered === undefined) deliver(request);
    else buffered.push(request);
  }, signal);
  void Promise.all([earlierRequests(), clearedAt()]).then(([raw, cleared]) => {
    const seen = new Set(raw.map(requestKey));
    const entries = raw.flatMap((item) => {
      counter += 1;
      const entry = readEntry(item, counter);
      // What the user cleared stays gone when the panel is opened again.
      if (entry === undefined || entry.messages.length === 0 || (cleared !== undefined && (entry.http.startedAt ?? "") <= cleared)) return [];
      return [entry];
    });
    if (entries.length > 0) events.requests(entries, "earlier");
    const waiting = buffered ?? [];
    buffered = undefined;
    for (const request of waiting) if (!seen.has(requestKey(request.entry))) deliver(request);
  });
}

/** When the user last cleared the panel of this tab (ISO time), if ever. */
async function clearedAt(): Promise<string | undefined> {
  const tabId = inspectedTabId();
  return tabId === undefined ? undefined : (await sessionStore.get("panelClearedAt", {}))[String(tabId)];
}

async function forgetCaptured(): Promise<void> {
  const tabId = inspectedTabId();
  if (tabId === undefined) return;
  const cleared = await sessionStore.get("panelClearedAt", {});
  await sessionStore.set("panelClearedAt", { ...cleared, [String(tabId)]: new Date().toISOString() });
}

const host: PanelHost = {
  attached,
  browser: TARGET_BROWSER,
  load: async () => ({
    profile: await localStore.get("panelProfile", NO_PROFILE),
    trust: await localStore.get("idpTrust", {}),
    preserveLog: await localStore.get("preserveLog", true),
  }),
  saveProfile: (profile) => localStore.set("panelProfile", profile),
  saveTrust: (trust) => localStore.set("idpTrust", { ...trust }),
  watchTrust: (listener) => localStore.watch("idpTrust", {}, listener),
  savePreserveLog: (preserve) => localStore.set("preserveLog", preserve),
  fetchText: fetchGrantedText,
  lookupConsoleClient,
  importWorkerUrl: "import-worker.js",
  analysisWorkerUrl: "analysis-worker.js",
  openRecorder: () => void openRecorderTab(),
  forgetCaptured: () => void forgetCaptured(),
  connect,
};

const root = document.getElementById("root");
if (root !== null) render(<PanelApp host={host} />, root);
