import type { Row } from "./model/session.js";
import { bindingLabel, directionOf, formatClock, issuerOf, kindOf, verdictOf } from "./model/view.js";
import { VerdictBadge } from "./VerdictBadge.js";
import { VirtualList } from "./VirtualList.js";

export const ROW_HEIGHT = 24;

export interface MessageListProps {
  readonly rows: readonly Row[];
  /** Row indexes to show, in order (the filtered list). */
  readonly visible: readonly number[];
  readonly selected: number | undefined;
  readonly onSelect: (rowIndex: number) => void;
  readonly onOpen: () => void;
}

export function MessageList({ rows, visible, selected, onSelect, onOpen }: MessageListProps) {
  const position = selected === undefined ? undefined : visible.indexOf(selected);
  return (
    <div class="message-list" data-testid="message-list">
      <div class="list-head" aria-hidden="true">
        <span class="col-time">Time</span>
        <span class="col-direction">Direction</span>
        <span class="col-kind">Kind</span>
        <span class="col-binding">Binding</span>
        <span class="col-issuer">Issuer</span>
        <span class="col-verdict">Verdict</span>
      </div>
      <VirtualList
        count={visible.length}
        rowHeight={ROW_HEIGHT}
        selected={position === -1 ? undefined : position}
        label="SAML messages"
        testId="message-rows"
        idOf={(at) => `message-${visible[at] ?? at}`}
        onSelect={(at) => {
          const index = visible[at];
          if (index !== undefined) onSelect(index);
        }}
        onOpen={onOpen}
        renderRow={(at) => {
          const row = rows[visible[at] ?? -1];
          return row === undefined ? null : <MessageRow row={row} />;
        }}
      />
    </div>
  );
}

function MessageRow({ row }: { readonly row: Row }) {
  const issuer = issuerOf(row) ?? "";
  return (
    <div class="mrow" data-row={row.index} data-kind={kindOf(row)}>
      <span class="time">{formatClock(row.clock)}</span>
      <span class="direction">{directionOf(row)}</span>
      <span class="kind">{kindOf(row)}</span>
      <span class="binding">{bindingLabel(row)}</span>
      <span class="issuer" title={issuer}>
        {issuer}
      </span>
      <span class="verdict">
        <VerdictBadge verdict={verdictOf(row)} />
      </span>
    </div>
  );
}
