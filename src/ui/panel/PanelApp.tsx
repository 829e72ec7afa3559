/**
 * The SAML panel: capture controls, SP profile, the message list (or the flows) and the details of one message.
 * No browser extension APIs here: everything outside the page comes through `PanelHost`.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Detail, type Tab } from "./Detail.js";
import { saveFile } from "./download.js";
import { startImport, type ImportJob } from "./import-job.js";
import { FlowView } from "./FlowView.js";
import type { PanelHost } from "./host.js";
import { MessageList } from "./MessageList.js";
import { exportHar } from "../../core/har/export.js";
import { NO_PROFILE, resolveProfile, type PanelProfile } from "./model/profile.js";
import { Session } from "./model/session.js";
import { SilenceWatch } from "./model/silence.js";
import { TrustStore } from "./model/trust-store.js";
import { filterRows, flowsOf, NO_FILTER, type KindFilter, type RowFilter } from "./model/view.js";
import { ProfileBar } from "./ProfileBar.js";
import { RedactToggle } from "./RedactToggle.js";
import { TrustContext, useTrustedIdps } from "./use-trust.js";

/** How long the Firefox panel waits after a navigation before it says that no network events arrive. */
export const SILENCE_MS = 5000;

export const FIREFOX_SILENCE =
  "Firefox sends network events to extensions only after the Network panel has been opened once in this toolbox.";

const KINDS: readonly KindFilter[] = ["all", "AuthnRequest", "Response", "LogoutRequest", "LogoutResponse"];

export function PanelApp({ host }: { readonly host: PanelHost }) {
  const [, setVersion] = useState(0);
  const session = useMemo(() => new Session({ onChange: () => setVersion((version) => version + 1) }), []);
  const trustStore = useMemo(() => new TrustStore({ save: host.saveTrust, fetchText: host.fetchText }), [host]);
  const trust = useTrustedIdps(trustStore);
  const [loaded, setLoaded] = useState(false);
  const [inspectedUrl, setInspectedUrl] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const [preserveLog, setPreserveLog] = useState(true);
  const [profile, setProfile] = useState<PanelProfile>(NO_PROFILE);
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [view, setView] = useState<"messages" | "flows">("messages");
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [tab, setTab] = useState<Tab>("Summary");
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [silent, setSilent] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [redact, setRedact] = useState(true);
  const [importing, setImporting] = useState<{ readonly name: string; readonly bytesRead: number; readonly totalBytes: number; readonly job: ImportJob } | null>(null);
  const tabsRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Capture callbacks outlive renders; they read the current switches through this ref.
  const live = useRef({ paused, preserveLog });
  live.current = { paused, preserveLog };

  const resolved = useMemo(() => resolveProfile(profile), [profile]);

  useEffect(() => {
    let cancelled = false;
    void host.load().then((stored) => {
      if (cancelled) return;
      setProfile(stored.profile);
      trustStore.load(stored.trust);
      setPreserveLog(stored.preserveLog);
      setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [host, trustStore]);

  useEffect(() => {
    if (loaded) session.configure({ profile: resolved, trust });
  }, [loaded, resolved, trust, session]);

  useEffect(() => {
    if (!loaded) return undefined;
    const controller = new AbortController();
    const silence = new SilenceWatch(SILENCE_MS, setSilent);
    host.connect(
      {
        requests: (entries, when) => {
          if (when === "live") silence.heard();
          if (!live.current.paused) session.add(entries);
        },
        navigated: (url) => {
          setInspectedUrl(url);
          if (!live.current.preserveLog) {
            session.clear();
            setSelected(undefined);
          }
          if (host.browser === "firefox") silence.navigated();
        },
        inspectedUrl: setInspectedUrl,
      },
      controller.signal,
    );
    return () => {
      silence.dispose();
      controller.abort();
    };
  }, [loaded, host, session]);

  const rows = session.rows;
  // Recomputed on every change of the session (cheap: one pass over the rows).
  const visible = filterRows(rows, filter);
  const flows = view === "flows" ? flowsOf(rows, session.exchanges) : [];
  const selectedRow = selected === undefined ? undefined : rows[selected];

  const importFiles = async (files: readonly File[]) => {
    for (const file of files) {
      setStatus(null);
      // Progress arrives only after the first chunk was read, when `job` is set.
      const job: ImportJob = startImport(file, host.importWorkerUrl, ({ bytesRead, totalBytes }) => setImporting({ name: file.name, bytesRead, totalBytes, job }));
      setImporting({ name: file.name, bytesRead: 0, totalBytes: file.size, job });
      const read = await job.done;
      setImporting(null);
      if (!read.ok) {
        setStatus({ text: `${file.name}: ${read.message}`, error: read.cancelled !== true });
        if (read.cancelled === true) return;
        continue;
      }
      session.add(read.entries);
      const count = read.messageCount;
      setStatus({ text: `${file.name}: ${count} SAML message${count === 1 ? "" : "s"} in ${read.requestCount} requests.`, error: count === 0 });
    }
  };

  /** A HAR 1.2 file of the captured requests, redacted unless the user turned that off; built in pieces, not one string. */
  const exportFile = () => {
    const { parts } = exportHar(session.requests, { redact });
    saveFile(`saml-lens-${new Date().toISOString().replace(/[:.]/g, "-")}${redact ? "-redacted" : ""}.har`, parts, "application/json");
  };

  const changeProfile = (next: PanelProfile) => {
    setProfile(next);
    void host.saveProfile(next);
  };

  const mapped = useMemo(() => {
    const names = new Map<string, string>();
    if (profile.kind === "sentry" && resolved.ok) {
      names.set(resolved.sp.identifierAttribute, "Sentry: IdP User ID");
      const email = resolved.sp.emailAttribute;
      names.set(email, names.has(email) ? "Sentry: IdP User ID, User Email" : "Sentry: User Email");
    }
    return names;
  }, [profile, resolved]);

  return (
    <TrustContext.Provider value={trustStore}>
      <main
        class={dragging ? "panel dragging" : "panel"}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void importFiles([...(event.dataTransfer?.files ?? [])]);
        }}
      >
        <header class="panel-header">
          <h1>SAML</h1>
          <span class="inspected" data-testid="inspected-url" title={inspectedUrl ?? undefined}>
            {host.attached ? (inspectedUrl ?? "…") : "Not attached to DevTools"}
          </span>
          <div class="toolbar" role="toolbar" aria-label="Recording">
            {host.attached && (
              <button type="button" data-testid="pause" aria-pressed={paused} onClick={() => setPaused(!paused)}>
                {paused ? "▶ Resume" : "❚❚ Pause"}
              </button>
            )}
            <button
              type="button"
              data-testid="clear"
              onClick={() => {
                session.clear();
                setSelected(undefined);
                setStatus(null);
              }}
            >
              Clear
            </button>
            {host.attached && (
              <label class="check">
                <input
                  type="checkbox"
                  data-testid="preserve-log"
                  checked={preserveLog}
                  onChange={(event) => {
                    setPreserveLog(event.currentTarget.checked);
                    void host.savePreserveLog(event.currentTarget.checked);
                  }}
                />
                Preserve log
              </label>
            )}
            <button type="button" data-testid="import" onClick={() => fileInput.current?.click()}>
              Import HAR…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".har,.json,application/json"
              multiple
              hidden
              data-testid="import-file"
              onChange={(event) => {
                const files = [...(event.currentTarget.files ?? [])];
                event.currentTarget.value = "";
                void importFiles(files);
              }}
            />
            <button type="button" data-testid="export" disabled={rows.length === 0} onClick={exportFile}>
              Export HAR
            </button>
            <RedactToggle
              redact={redact}
              onChange={setRedact}
              masks="NameIDs, attribute values, e-mail addresses, certificates, signature values, cookies and credentials"
              warning="The export will hold personal data and session cookies."
              testId="export-redact"
              warningTestId="redact-warning"
            />
            {host.attached && paused && <span class="badge paused">Paused</span>}
            {session.pendingCount > 0 && (
              <span class="hint" data-testid="analysing">
                Analysing {session.pendingCount}…
              </span>
            )}
          </div>
        </header>
        <ProfileBar profile={profile} resolved={resolved} onChange={changeProfile} />
        {silent && (
          <p class="notice" role="alert" data-testid="firefox-silence">
            {FIREFOX_SILENCE} Open the Network panel of this toolbox once, then reload the page; this panel then records it.
            {host.openRecorder !== undefined && (
              <>
                {" "}Or record without DevTools:{" "}
                <button type="button" data-testid="open-recorder" onClick={host.openRecorder}>
                  Open the standalone recorder
                </button>
              </>
            )}
          </p>
        )}
        {importing !== null && (
          <p class="notice" role="status" data-testid="import-progress" data-bytes-read={importing.bytesRead} data-total-bytes={importing.totalBytes}>
            Reading {importing.name}… {megabytes(importing.bytesRead)} of {megabytes(importing.totalBytes)}{" "}
            <progress value={importing.bytesRead} max={Math.max(importing.totalBytes, 1)} />{" "}
            <button type="button" data-testid="import-cancel" onClick={() => importing.job.cancel()}>
              Cancel
            </button>
          </p>
        )}
        {status !== null && (
          <p class={status.error ? "notice error" : "notice"} role="status" data-testid="import-status">
            {status.text}
          </p>
        )}
        <div class="filters" role="search">
          <div class="view-switch" role="group" aria-label="View">
            <button type="button" aria-pressed={view === "messages"} data-testid="view-messages" onClick={() => setView("messages")}>
              Messages
            </button>
            <button type="button" aria-pressed={view === "flows"} data-testid="view-flows" onClick={() => setView("flows")}>
              Flows
            </button>
          </div>
          <label>
            Kind
            <select data-testid="filter-kind" value={filter.kind} onChange={(event) => setFilter({ ...filter, kind: toKind(event.currentTarget.value) })}>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind === "all" ? "All" : kind}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" data-testid="filter-errors" checked={filter.errorsOnly} onChange={(event) => setFilter({ ...filter, errorsOnly: event.currentTarget.checked })} />
            Errors only
          </label>
          <input
            type="search"
            placeholder="Search issuer, NameID, attribute, ID, URL…"
            aria-label="Search messages"
            data-testid="search"
            value={filter.search}
            onInput={(event) => setFilter({ ...filter, search: event.currentTarget.value })}
          />
          <span class="hint" data-testid="shown-count">
            {visible.length === rows.length ? `${rows.length} messages` : `${visible.length} of ${rows.length} messages`}
          </span>
        </div>
        {rows.length === 0 ? (
          <p class="empty" data-testid="empty-list">
            No SAML messages captured yet. {host.attached ? "Sign in through your IdP with this panel open, or import a HAR file." : "Import a HAR file (button above, or drop it here)."}
          </p>
        ) : (
          <div class="split">
            {view === "messages" ? (
              <MessageList rows={rows} visible={visible} selected={selected} onSelect={setSelected} onOpen={() => tabsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus()} />
            ) : (
              <FlowView flows={flows} selected={selected} onSelect={setSelected} />
            )}
            {selectedRow === undefined ? (
              <p class="empty detail-empty">Select a message to see its details.</p>
            ) : (
              <Detail
                row={selectedRow}
                tab={tab}
                onTab={setTab}
                toleranceSeconds={resolved.ok ? resolved.clockToleranceSeconds : undefined}
                mappedAttributes={mapped}
                lookupConsoleClient={host.lookupConsoleClient}
                tabsRef={tabsRef}
              />
            )}
          </div>
        )}
      </main>
    </TrustContext.Provider>
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function toKind(value: string): KindFilter {
  return KINDS.find((kind) => kind === value) ?? "all";
}
