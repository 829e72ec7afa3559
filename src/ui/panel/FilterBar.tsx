/** Messages or flows, and which messages to show: by kind, errors only, or text search. */
import type { KindFilter, RowFilter } from "./model/view.js";

export type ListView = "messages" | "flows";

const KINDS: readonly KindFilter[] = ["all", "AuthnRequest", "Response", "LogoutRequest", "LogoutResponse"];

export interface FilterBarProps {
  readonly view: ListView;
  readonly onView: (view: ListView) => void;
  readonly filter: RowFilter;
  readonly onFilter: (filter: RowFilter) => void;
  readonly shown: number;
  readonly total: number;
  /** Messages still being analysed: filters, search and flows cover the others. */
  readonly analysing: number;
}

export function FilterBar({ view, onView, filter, onFilter, shown, total, analysing }: FilterBarProps) {
  return (
    <div class="filters" role="search">
      <div class="view-switch" role="group" aria-label="View">
        <button type="button" aria-pressed={view === "messages"} data-testid="view-messages" onClick={() => onView("messages")}>
          Messages
        </button>
        <button type="button" aria-pressed={view === "flows"} data-testid="view-flows" onClick={() => onView("flows")}>
          Flows
        </button>
      </div>
      <label>
        Kind
        <select data-testid="filter-kind" value={filter.kind} onChange={(event) => onFilter({ ...filter, kind: toKind(event.currentTarget.value) })}>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind === "all" ? "All" : kind}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input type="checkbox" data-testid="filter-errors" checked={filter.errorsOnly} onChange={(event) => onFilter({ ...filter, errorsOnly: event.currentTarget.checked })} />
        Errors only
      </label>
      <input
        type="search"
        placeholder="Search issuer, NameID, attribute, ID, URL…"
        aria-label="Search messages"
        data-testid="search"
        value={filter.search}
        onInput={(event) => onFilter({ ...filter, search: event.currentTarget.value })}
      />
      <span class="hint" data-testid="shown-count">
        {shown === total ? `${total} messages` : `${shown} of ${total} messages`}
      </span>
      {analysing > 0 && (
        <span class="hint" role="status" data-testid="still-analysing">
          {analysing} still being analysed{filter.errorsOnly || filter.search !== "" || view === "flows" ? `: ${view === "flows" ? "flows" : "filters"} cover the ${total - analysing} analysed so far` : ""}
        </span>
      )}
    </div>
  );
}

function toKind(value: string): KindFilter {
  return KINDS.find((kind) => kind === value) ?? "all";
}
