/**
 * The SAML panel: capture controls, SP profile, the message list (or the flows) and the details of one message.
 * No browser extension APIs here: everything outside the page comes through `PanelHost`.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Detail, type Tab } from "./Detail.js";
import { FilterBar, type ListView } from "./FilterBar.js";
import { FlowView } from "./FlowView.js";
import { FrameBudget } from "./frame-budget.js";
import { HarButtons } from "./HarButtons.js";
import type { PanelHost } from "./host.js";
import { MessageList } from "./MessageList.js";
import { mappedAttributeNames } from "./model/profile.js";
import { flowsOf, NO_FILTER, type RowFilter } from "./model/view.js";
import { VisibleRows } from "./model/visible-rows.js";
import { ImportProgressNotice, ImportStatusNotice, SilenceNotice } from "./Notices.js";
import { PanelHeader } from "./PanelHeader.js";
import { ProfileBar } from "./ProfileBar.js";
import { useCapture } from "./use-capture.js";
import { useHarImport } from "./use-har-import.js";
import { useSession } from "./use-session.js";
import { useStoredSettings } from "./use-stored-settings.js";
import { TrustContext } from "./use-trust.js";

export function PanelApp({ host }: { readonly host: PanelHost }) {
  const settings = useStoredSettings(host);
  const { loaded, profile, resolved, preserveLog, trustStore } = settings;
  // The workers' messages applied a few milliseconds per frame, import and analysis alike, in arrival order.
  const deliver = useMemo(() => {
    const budget = new FrameBudget();
    return (work: () => void) => budget.run(work);
  }, []);
  const session = useSession(settings, host.analysisWorkerUrl, deliver);
  const [paused, setPaused] = useState(false);
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [view, setView] = useState<ListView>("messages");
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [tab, setTab] = useState<Tab>("Summary");
  const [dragging, setDragging] = useState(false);
  const tabsRef = useRef<HTMLDivElement>(null);
  const { inspectedUrl, silent } = useCapture(host, session, { loaded, paused, preserveLog, onCleared: () => setSelected(undefined) });
  const { importing, status, clearStatus, importFiles } = useHarImport(host, session, deliver);

  const rows = session.rows;
  // Kept up to date with what changed since the last render (the rows added, read or judged meanwhile).
  const visibleRows = useMemo(() => new VisibleRows(), [session]);
  const visible = visibleRows.of(session, filter);
  const flows = view === "flows" ? flowsOf(rows, session.exchanges) : [];
  const selectedRow = selected === undefined ? undefined : rows[selected];
  const mapped = useMemo(() => mappedAttributeNames(profile, resolved), [profile, resolved]);
  // The analysis worker sends the list's part of every analysis; the details of the message opened are asked for.
  useEffect(() => {
    if (selected !== undefined) session.loadDetail(selected);
  });

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
        <PanelHeader
          attached={host.attached}
          inspectedUrl={inspectedUrl}
          paused={paused}
          onPause={setPaused}
          onClear={() => {
            session.clear();
            host.forgetCaptured?.();
            setSelected(undefined);
            clearStatus();
          }}
          preserveLog={preserveLog}
          onPreserveLog={settings.changePreserveLog}
          pendingCount={session.pendingCount}
        >
          <HarButtons session={session} onImport={(files) => void importFiles(files)} />
        </PanelHeader>
        <ProfileBar profile={profile} resolved={resolved} onChange={settings.changeProfile} />
        {silent && <SilenceNotice openRecorder={host.openRecorder} />}
        {importing !== null && <ImportProgressNotice importing={importing} />}
        {status !== null && <ImportStatusNotice status={status} />}
        <FilterBar view={view} onView={setView} filter={filter} onFilter={setFilter} shown={visible.length} total={rows.length} analysing={session.pendingCount} />
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
