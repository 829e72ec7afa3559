/** The panel's title bar: the inspected page and the recording's controls. */
import type { ComponentChildren } from "preact";

export interface PanelHeaderProps {
  /** Inside DevTools: capture works, so pausing and "Preserve log" mean something. */
  readonly attached: boolean;
  readonly inspectedUrl: string | null;
  readonly paused: boolean;
  readonly onPause: (paused: boolean) => void;
  readonly onClear: () => void;
  readonly preserveLog: boolean;
  readonly onPreserveLog: (preserve: boolean) => void;
  readonly pendingCount: number;
  /** The import and export buttons. */
  readonly children: ComponentChildren;
}

export function PanelHeader({ attached, inspectedUrl, paused, onPause, onClear, preserveLog, onPreserveLog, pendingCount, children }: PanelHeaderProps) {
  return (
    <header class="panel-header">
      <h1>SAML</h1>
      <span class="inspected" data-testid="inspected-url" title={inspectedUrl ?? undefined}>
        {attached ? (inspectedUrl ?? "…") : "Not attached to DevTools"}
      </span>
      <div class="toolbar" role="toolbar" aria-label="Recording">
        {attached && (
          <button type="button" data-testid="pause" aria-pressed={paused} onClick={() => onPause(!paused)}>
            {paused ? "▶ Resume" : "❚❚ Pause"}
          </button>
        )}
        <button type="button" data-testid="clear" onClick={onClear}>
          Clear
        </button>
        {attached && (
          <label class="check">
            <input type="checkbox" data-testid="preserve-log" checked={preserveLog} onChange={(event) => onPreserveLog(event.currentTarget.checked)} />
            Preserve log
          </label>
        )}
        {children}
        {attached && paused && <span class="badge paused">Paused</span>}
        {pendingCount > 0 && (
          <span class="hint" data-testid="analysing">
            Analysing {pendingCount}…
          </span>
        )}
      </div>
    </header>
  );
}
