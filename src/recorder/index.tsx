/**
 * The standalone recorder page: the background records the SAML messages of every tab on the sites the user grants
 * (webRequest, state in storage.session); this page starts and stops it and shows the records in the panel UI, through
 * a `PanelHost` that reads the recorder's storage instead of DevTools.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { browser, TARGET_BROWSER } from "../platform/browser.js";
import { lookupConsoleClient } from "../platform/console-clients.js";
import { fetchGrantedText } from "../platform/fetch-granted.js";
import { sendMessage } from "../platform/messages.js";
import { originPattern } from "../platform/origins.js";
import { EMPTY_META, keptCount, onRecorderChanged, readRecorderMeta, readRecorderRecords, type RecorderMeta, type RecorderRecord } from "../platform/recorder-store.js";
import { localStore } from "../platform/storage.js";
import type { CaptureEvents, PanelHost } from "../ui/panel/host.js";
import { readEntry } from "../ui/panel/model/entry.js";
import { NO_PROFILE } from "../ui/panel/model/profile.js";
import { PanelApp } from "../ui/panel/PanelApp.js";
import { harEntryOf } from "./records.js";

const ALL_SITES = ["http://*/*", "https://*/*"];

function patternsFrom(text: string): string[] | null {
  const patterns = text
    .split(/[\s,]+/)
    .filter((part) => part !== "")
    .map((part) => originPattern(/^https?:\/\//.test(part) ? part : `https://${part}`));
  return patterns.length === 0 || patterns.some((pattern) => pattern === null) ? null : [...new Set(patterns as string[])];
}

/** `http://127.0.0.1/*` → `http://127.0.0.1`: the text the Sites field takes back. */
function sitesOf(origins: readonly string[]): string {
  return origins.map((pattern) => pattern.replace(/\/\*$/, "")).join(" ");
}

/**
 * Delivers each record once, in order: those kept when the page opens, then each one as storage reports it (storage
 * hands over only the records that changed, never the whole recording again).
 */
function connect(events: CaptureEvents, signal: AbortSignal): void {
  const delivered = new Set<string>();
  let counter = -1;
  // Records reported while the kept ones are being read wait, so that the list stays in capture order.
  let waiting: RecorderRecord[] | undefined = [];
  const deliver = (records: readonly RecorderRecord[], when: "earlier" | "live") => {
    const fresh = records.filter((record) => !delivered.has(record.id));
    for (const record of fresh) delivered.add(record.id);
    const entries = fresh.flatMap((record) => {
      counter += 1;
      const entry = readEntry(harEntryOf(record), counter);
      return entry === undefined ? [] : [entry];
    });
    if (entries.length > 0 && !signal.aborted) events.requests(entries, when);
  };
  events.inspectedUrl("every tab, on the sites being recorded");
  const stop = onRecorderChanged(({ added }) => {
    if (waiting === undefined) deliver(added, "live");
    else waiting.push(...added);
  });
  signal.addEventListener("abort", stop);
  void readRecorderMeta()
    .then(readRecorderRecords)
    .then((records) => {
      deliver(records, "earlier");
      deliver(waiting ?? [], "live");
      waiting = undefined;
    });
}

const host: PanelHost = {
  attached: true,
  browser: TARGET_BROWSER,
  load: async () => ({
    profile: await localStore.get("panelProfile", NO_PROFILE),
    trust: await localStore.get("idpTrust", {}),
    preserveLog: true,
  }),
  saveProfile: (profile) => localStore.set("panelProfile", profile),
  saveTrust: (trust) => localStore.set("idpTrust", { ...trust }),
  watchTrust: (listener) => localStore.watch("idpTrust", {}, listener),
  savePreserveLog: async () => undefined,
  fetchText: fetchGrantedText,
  lookupConsoleClient,
  importWorkerUrl: "import-worker.js",
  forgetCaptured: () => void sendMessage("recorder.clear", {}),
  analysisWorkerUrl: "analysis-worker.js",
  connect,
};

function RecorderControls() {
  const [state, setState] = useState<RecorderMeta>(EMPTY_META);
  const [sites, setSites] = useState("");
  const [allSites, setAllSites] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The page shows the sites the recorder was last started on (here or elsewhere), ready for the next Start,
    // unless the user has typed others.
    const adopt = (stored: RecorderMeta) => {
      setState(stored);
      if (stored.origins.length === 0) return;
      if (ALL_SITES.every((pattern) => stored.origins.includes(pattern))) setAllSites(true);
      else setSites((typed) => (typed === "" ? sitesOf(stored.origins) : typed));
    };
    void readRecorderMeta().then(adopt);
    return onRecorderChanged(({ meta }) => {
      if (meta !== undefined) adopt(meta);
    });
  }, []);

  const start = () => {
    const origins = allSites ? ALL_SITES : patternsFrom(sites);
    if (origins === null) {
      setError("Enter the sites to record (e.g. your Keycloak and Sentry addresses), or choose all sites.");
      return;
    }
    // The permission request must run in the click's own call stack.
    browser.permissions
      .request({ origins })
      .then(async (granted) => {
        if (!granted) return setError("Access was not granted: nothing is recorded.");
        const result = await sendMessage("recorder.start", { origins });
        setError(result.recording ? null : (result.reason ?? "The recorder could not start."));
      })
      .catch((reason: unknown) => setError(String(reason)));
  };

  // While recording, the fields show what is being recorded (started here, in another tab or by the setup wizard).
  const recordingAll = state.recording && ALL_SITES.every((pattern) => state.origins.includes(pattern));
  const shownSites = state.recording ? (recordingAll ? "" : sitesOf(state.origins)) : sites;
  return (
    <section class="recorder" aria-label="Recorder">
      <div class="controls">
        <strong>SAML recorder</strong>
        <label>
          Sites{" "}
          <input data-testid="recorder-sites" value={shownSites} disabled={allSites || state.recording} placeholder="sso.example.com sentry.example.com" onInput={(event) => setSites(event.currentTarget.value)} />
        </label>
        <label>
          <input type="checkbox" data-testid="recorder-all-sites" checked={state.recording ? recordingAll : allSites} disabled={state.recording} onChange={(event) => setAllSites(event.currentTarget.checked)} /> All sites
        </label>
        {state.recording ? (
          <button type="button" data-testid="recorder-stop" onClick={() => void sendMessage("recorder.stop", {})}>
            Stop
          </button>
        ) : (
          <button type="button" class="primary" data-testid="recorder-start" onClick={start}>
            Start recording
          </button>
        )}
        <button type="button" data-testid="recorder-clear" title="Forget the recorded requests (the list below has its own Clear)" onClick={() => void sendMessage("recorder.clear", {})}>
          Forget recording
        </button>
        <label>
          Keep the last{" "}
          <input type="number" min={1} max={10000} value={state.cap} data-testid="recorder-cap" onChange={(event) => void sendMessage("recorder.set-cap", { cap: Number(event.currentTarget.value) })} /> requests
        </label>
      </div>
      <p class="hint" data-testid="recorder-status">
        {state.recording ? `Recording ${state.origins.join(", ")}` : "Not recording"} · {keptCount(state)} kept
        {state.dropped > 0 ? ` · ${state.dropped} older dropped` : ""} · Nothing leaves the browser; the recording is gone when the browser closes.
      </p>
      {state.problem !== undefined && (
        <p class="error" role="alert" data-testid="recorder-problem">
          {state.problem}
        </p>
      )}
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

const root = document.getElementById("root");
if (root !== null)
  render(
    <>
      <RecorderControls />
      <PanelApp host={host} />
    </>,
    root,
  );
