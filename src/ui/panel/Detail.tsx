import type { Ref } from "preact";
import type { Finding } from "../../core/rules/rule.js";
import type { LookupConsoleClient } from "./model/console-link.js";
import type { Row } from "./model/session.js";
import { directionOf, issuerOf, kindOf, verdictOf } from "./model/view.js";
import { AttributesTab } from "./tabs/AttributesTab.js";
import { DiagnosticsTab } from "./tabs/DiagnosticsTab.js";
import { HttpTab } from "./tabs/HttpTab.js";
import { SignatureTab } from "./tabs/SignatureTab.js";
import { SummaryTab } from "./tabs/SummaryTab.js";
import { XmlTab } from "./tabs/XmlTab.js";
import { VerdictBadge } from "./VerdictBadge.js";

export const TABS = ["Summary", "Attributes", "Signature", "Diagnostics", "XML", "HTTP"] as const;
export type Tab = (typeof TABS)[number];

export interface DetailProps {
  readonly row: Row;
  readonly tab: Tab;
  readonly onTab: (tab: Tab) => void;
  readonly toleranceSeconds: number | undefined;
  readonly mappedAttributes: ReadonlyMap<string, string>;
  readonly lookupConsoleClient: LookupConsoleClient | undefined;
  readonly tabsRef?: Ref<HTMLDivElement>;
}

export function Detail({ row, tab, onTab, toleranceSeconds, mappedAttributes, lookupConsoleClient, tabsRef }: DetailProps) {
  const analysis = row.analysis;
  const issuer = issuerOf(row);
  const onKeyDown = (event: KeyboardEvent) => {
    const position = TABS.indexOf(tab);
    const next = event.key === "ArrowRight" ? position + 1 : event.key === "ArrowLeft" ? position - 1 : undefined;
    if (next === undefined) return;
    const target = TABS[(next + TABS.length) % TABS.length];
    if (target === undefined) return;
    event.preventDefault();
    onTab(target);
    const button = (event.currentTarget as HTMLElement).querySelector<HTMLButtonElement>(`[data-tab="${target}"]`);
    button?.focus();
  };
  return (
    <section class="detail" data-testid="detail" aria-label="Message details">
      <header class="detail-head">
        <strong data-testid="detail-kind">{kindOf(row)}</strong>
        <span>{directionOf(row)}</span>
        <VerdictBadge verdict={verdictOf(row)} row={row} />
      </header>
      <div class="tabs" role="tablist" aria-label="Message details" ref={tabsRef} onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            data-tab={name}
            aria-selected={name === tab}
            aria-controls="detail-tab-content"
            tabIndex={name === tab ? 0 : -1}
            onClick={() => onTab(name)}
          >
            {name}
            {name === "Diagnostics" && analysis !== undefined && <DiagnosticsCounts findings={analysis.message.findings} />}
          </button>
        ))}
      </div>
      <div class="tab-content" role="tabpanel" id="detail-tab-content" aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === "HTTP" ? (
          <HttpTab row={row} />
        ) : analysis === undefined ? (
          <p class="hint">Analysing…</p>
        ) : tab === "Summary" ? (
          <SummaryTab row={row} message={analysis.message} toleranceSeconds={toleranceSeconds} />
        ) : tab === "Attributes" ? (
          <AttributesTab model={analysis.message.model} mapped={mappedAttributes} />
        ) : tab === "Signature" ? (
          <SignatureTab model={analysis.message.model} report={analysis.signatures} issuer={issuer} />
        ) : tab === "Diagnostics" ? (
          <DiagnosticsTab message={analysis.message} lookupConsoleClient={lookupConsoleClient} />
        ) : (
          <XmlTab xml={analysis.message.xml} kind={analysis.message.kind ?? undefined} id={analysis.message.id ?? undefined} />
        )}
      </div>
    </section>
  );
}

/** The Diagnostics tab's counts: what decides the verdict, and apart, the security findings (which never do). */
function DiagnosticsCounts({ findings }: { readonly findings: readonly Finding[] }) {
  const security = findings.filter((finding) => finding.kind === "security").length;
  const fit = findings.length - security;
  return (
    <>
      {fit > 0 && <span class="count">{fit}</span>}
      {security > 0 && (
        <span class="count security" data-testid="security-count" title={`${security} security finding${security === 1 ? "" : "s"} (never change the verdict)`}>
          {security}
        </span>
      )}
    </>
  );
}
