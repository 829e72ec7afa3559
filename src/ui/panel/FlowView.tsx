import type { Flow } from "./model/view.js";
import { directionOf, formatClock, formatDuration, kindOf } from "./model/view.js";
import { VerdictBadge } from "./VerdictBadge.js";

export interface FlowViewProps {
  readonly flows: readonly Flow[];
  readonly selected: number | undefined;
  readonly onSelect: (rowIndex: number) => void;
}

/** Exchanges as cards: AuthnRequest ↔ Response, LogoutRequest ↔ LogoutResponse, with the time each step took. */
export function FlowView({ flows, selected, onSelect }: FlowViewProps) {
  if (flows.length === 0) return <p class="empty">No exchange yet: no message could be read as a SAML request or response.</p>;
  return (
    <ol class="flows" data-testid="flow-list">
      {flows.map((flow, position) => (
        <li key={position} class="flow" data-testid="flow" data-flow-kind={flow.kind} data-idp-initiated={flow.idpInitiated}>
          <div class="flow-head">
            <strong>{flow.kind === "login" ? "Login" : "Logout"}</strong>
            {flow.idpInitiated && <span class="badge idp-initiated">IdP-initiated</span>}
            {flow.unanswered && <span class="badge unanswered">no response captured</span>}
            {flow.pairedBy === "relay-state" && <span class="hint">paired by RelayState</span>}
            <VerdictBadge verdict={flow.verdict} />
          </div>
          <ol class="flow-steps">
            {flow.steps.map((step) => (
              <li key={step.row.index}>
                <button
                  type="button"
                  class={step.row.index === selected ? "flow-step selected" : "flow-step"}
                  data-testid="flow-step"
                  onClick={() => onSelect(step.row.index)}
                >
                  <span class="time">{formatClock(step.row.clock)}</span>
                  <span class="kind">{kindOf(step.row)}</span>
                  <span class="direction">{directionOf(step.row)}</span>
                  {step.sincePrevious !== undefined && <span class="elapsed" data-testid="elapsed">{step.sincePrevious >= 0 ? "+" : ""}{formatDuration(step.sincePrevious)}</span>}
                </button>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
