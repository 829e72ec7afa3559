/** What the list, the filters and the flow view show of the rows: pure functions, tested without a browser. */
import type { Exchange } from "../../../core/saml/flows.js";
import type { MessageKind } from "../../../core/saml/model.js";
import type { Row } from "./session.js";
import { verdictWords, type VerdictWords } from "../../../core/analyze/verdict-words.js";

export type Verdict = "pending" | "accept" | "unverified" | "reject" | "unreadable";

export const VERDICT_LABEL: Record<Verdict, string> = {
  pending: "…",
  accept: "Accepted",
  unverified: "Accepted if …",
  reject: "Rejected",
  unreadable: "Unreadable",
};

/**
 * The receiver's decision: its answer in the capture, else the prediction; "unverified" when the prediction accepts
 * only under assumptions (no profile, no certificate, an assumed mapping), which the badge names.
 */
export function verdictOf(row: Row): Verdict {
  const message = row.summary;
  if (message === undefined) return "pending";
  if (message.verdict === "reject") return message.kind === null ? "unreadable" : "reject";
  return message.answer !== null || message.assumptions.length === 0 ? "accept" : "unverified";
}

/** The verdict's words, from the full analysis when the row holds it, else from the summary the list holds. */
export function verdictWordsOf(row: Row): VerdictWords | undefined {
  const message = row.analysis?.message;
  if (message !== undefined) return verdictWords(message);
  const summary = row.summary;
  return summary === undefined ? undefined : verdictWords({ ...summary, findings: summary.errors.map((id) => ({ id, severity: "error" as const })) });
}

/** Who sends it to whom: a message the SP reads travels IdP → SP. */
export function directionOf(row: Row): "IdP → SP" | "SP → IdP" {
  const receiver = row.summary?.receiver ?? (row.captured.parameter === "SAMLResponse" ? "sp" : "idp");
  return receiver === "sp" ? "IdP → SP" : "SP → IdP";
}

export function kindOf(row: Row): string {
  return row.summary?.kind ?? row.facts?.kind ?? row.captured.parameter;
}

export function issuerOf(row: Row): string | undefined {
  return row.summary?.issuer ?? row.facts?.issuer ?? undefined;
}

export function bindingLabel(row: Row): "POST" | "Redirect" {
  return row.captured.binding === "HTTP-POST" ? "POST" : "Redirect";
}

export type KindFilter = "all" | MessageKind;

export interface RowFilter {
  readonly kind: KindFilter;
  readonly errorsOnly: boolean;
  readonly search: string;
}

export const NO_FILTER: RowFilter = { kind: "all", errorsOnly: false, search: "" };

/** The search box's words: each must appear (any order, any case). */
export function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter((word) => word !== "");
}

/** Whether one row passes the filter (`words`: the filter's `searchWords`). */
export function rowPasses(row: Row, filter: RowFilter, words: readonly string[]): boolean {
  if (filter.kind !== "all" && kindOf(row) !== filter.kind) return false;
  if (filter.errorsOnly) {
    const verdict = verdictOf(row);
    if (verdict !== "reject" && verdict !== "unreadable") return false;
  }
  if (words.length === 0) return true;
  const haystack = haystackOf(row);
  return words.every((word) => haystack.includes(word));
}

/** Indexes of the rows that pass the filter, in order. Search words must all appear (any order, any case). */
export function filterRows(rows: readonly Row[], filter: RowFilter): number[] {
  const words = searchWords(filter.search);
  const out: number[] = [];
  for (const row of rows) if (rowPasses(row, filter, words)) out.push(row.index);
  return out;
}

/** Everything the search box matches: transport, IDs, issuer, and once analysed NameIDs, attributes and findings. */
export function haystackOf(row: Row): string {
  if (row.haystack !== undefined) return row.haystack;
  const { captured, http, facts } = row;
  const parts = [captured.parameter, captured.binding, captured.relayState, http.url, facts?.kind, facts?.issuer, facts?.id, facts?.inResponseTo];
  row.haystack = `${parts.filter(Boolean).join("\n").toLowerCase()}${row.summary === undefined ? "" : `\n${row.summary.words}`}`;
  return row.haystack;
}

export interface FlowStep {
  readonly row: Row;
  /** Milliseconds since the previous step of the same exchange. */
  readonly sincePrevious: number | undefined;
}

export interface Flow {
  readonly kind: "login" | "logout";
  readonly idpInitiated: boolean;
  /** The request was never answered in this capture. */
  readonly unanswered: boolean;
  readonly pairedBy: Exchange["pairedBy"];
  readonly steps: readonly FlowStep[];
  /** Worst verdict of its messages, for the flow's badge. */
  readonly verdict: Verdict;
}

const SEVERITY: Verdict[] = ["unreadable", "reject", "pending", "unverified", "accept"];

export function flowsOf(rows: readonly Row[], exchanges: readonly Exchange[]): Flow[] {
  return exchanges.map((exchange) => {
    const members = [exchange.request, exchange.response].flatMap((index) => {
      const row = index === null ? undefined : rows[index];
      return row === undefined ? [] : [row];
    });
    const steps = members.map((row, position): FlowStep => {
      const previous = position === 0 ? undefined : members[position - 1];
      return { row, sincePrevious: previous === undefined ? undefined : row.clock.getTime() - previous.clock.getTime() };
    });
    const verdicts = members.map(verdictOf);
    const verdict = SEVERITY.find((candidate) => verdicts.includes(candidate)) ?? "pending";
    return {
      kind: exchange.kind,
      idpInitiated: exchange.idpInitiated,
      unanswered: exchange.request !== null && exchange.response === null,
      pairedBy: exchange.pairedBy,
      steps,
      verdict,
    };
  });
}

export function formatClock(date: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** "120 ms", "3.4 s", "2 min 5 s", "10 h 0 min", "-1.0 s" (a response captured before its request: clocks or import order). */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const value = Math.abs(ms);
  if (value < 1000) return `${sign}${Math.round(value)} ms`;
  if (value < 60_000) return `${sign}${(value / 1000).toFixed(1)} s`;
  if (value < 3_600_000) {
    const seconds = Math.floor(value / 1000);
    return `${sign}${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }
  const minutes = Math.floor(value / 60_000);
  return `${sign}${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A SAML time relative to the receiver's clock: "in 55 s", "10 s ago"; `undefined` for an unreadable time. */
export function relativeTo(value: string | undefined, clock: Date): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const delta = time - clock.getTime();
  if (delta === 0) return "at capture time";
  return delta > 0 ? `${formatDuration(delta)} after capture` : `${formatDuration(-delta)} before capture`;
}

/** Attribute Names that appear more than once (python3-saml rejects them; Sentry then cannot read the attribute). */
export function duplicateNames(attributes: readonly { readonly name?: string | undefined }[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const attribute of attributes) {
    if (attribute.name === undefined) continue;
    if (seen.has(attribute.name)) duplicates.add(attribute.name);
    seen.add(attribute.name);
  }
  return duplicates;
}
