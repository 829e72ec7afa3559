/**
 * The standalone recorder page: records the SAML messages of every tab on the sites the user grants, through the
 * background's webRequest listener, and shows them decoded and diagnosed by the core.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { analyzeCaptured } from "../core/analyze/analyze.js";
import type { AnalyzedMessage } from "../core/analyze/result.js";
import { browser } from "../platform/browser.js";
import { sendMessage } from "../platform/messages.js";
import { originPattern } from "../platform/origins.js";
import { EMPTY_STATE, onRecorderStateChanged, readRecorderState, type RecorderState } from "../platform/recorder-store.js";
import { capturedFromRecords } from "./records.js";

const ALL_SITES = ["http://*/*", "https://*/*"];
const GENERIC_PROFILE = {
  spEntityId: undefined,
  acsUrl: undefined,
  slsUrl: undefined,
  idpEntityId: undefined,
  trustedCertificates: [],
  identifierAttribute: "user_email",
  emailAttribute: "user_email",
} as const;

function patternsFrom(text: string): string[] | null {
  const patterns = text
    .split(/[\s,]+/)
    .filter((part) => part !== "")
    .map((part) => originPattern(/^https?:\/\//.test(part) ? part : `https://${part}`));
  return patterns.length === 0 || patterns.some((pattern) => pattern === null) ? null : [...new Set(patterns as string[])];
}

function Recorder() {
  const [state, setState] = useState<RecorderState>(EMPTY_STATE);
  const [messages, setMessages] = useState<readonly AnalyzedMessage[]>([]);
  const [sites, setSites] = useState("");
  const [allSites, setAllSites] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void readRecorderState().then(setState);
    return onRecorderStateChanged(setState);
  }, []);
  useEffect(() => {
    let current = true;
    void analyzeCaptured(capturedFromRecords(state.records), { profile: GENERIC_PROFILE, now: new Date() }).then((analysis) => {
      if (current) setMessages(analysis.messages);
    });
    return () => {
      current = false;
    };
  }, [state.records]);

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

  return (
    <main class="recorder">
      <h1>SAML recorder</h1>
      <p class="hint">Records the SAML messages of every tab on the sites you choose, until you stop it or close the browser. Nothing leaves the browser.</p>
      <div class="controls">
        <label>
          Sites <input data-testid="recorder-sites" value={sites} disabled={allSites || state.recording} placeholder="sso.example.com sentry.example.com" onInput={(event) => setSites(event.currentTarget.value)} />
        </label>
        <label>
          <input type="checkbox" checked={allSites} disabled={state.recording} onChange={(event) => setAllSites(event.currentTarget.checked)} /> All sites
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
        <button type="button" data-testid="recorder-clear" onClick={() => void sendMessage("recorder.clear", {})}>
          Clear
        </button>
        <label>
          Keep the last{" "}
          <input type="number" min={1} max={10000} value={state.cap} data-testid="recorder-cap" onChange={(event) => void sendMessage("recorder.set-cap", { cap: Number(event.currentTarget.value) })} /> requests
        </label>
      </div>
      <p data-testid="recorder-status">
        {state.recording ? `Recording ${state.origins.join(", ")}` : "Not recording"} · {state.records.length} captured
        {state.dropped > 0 ? ` · ${state.dropped} older dropped` : ""}
      </p>
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <table class="recorded" data-testid="recorder-list">
        <thead>
          <tr>
            <th>Time</th>
            <th>Kind</th>
            <th>Binding</th>
            <th>Issuer</th>
            <th>Verdict</th>
            <th>What the receiver will say</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={`${message.index}-${message.id ?? ""}`} data-kind={message.kind ?? "unknown"} data-verdict={message.verdict}>
              <td>{state.records.find((record) => message.origin.endsWith(record.url))?.time.slice(11, 19) ?? ""}</td>
              <td>{message.kind ?? message.parameter}</td>
              <td>{message.binding}</td>
              <td>{message.issuer ?? ""}</td>
              <td>{message.verdict}</td>
              <td>{message.receiverMessage ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

const root = document.getElementById("root");
if (root !== null) render(<Recorder />, root);
