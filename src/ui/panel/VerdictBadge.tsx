import { VERDICT_LABEL, type Verdict } from "./model/view.js";

const TITLE: Record<Verdict, string> = {
  pending: "Being analysed",
  accept: "The receiver would accept it",
  unverified: "Accepted by every check made here, but the signature could not be checked (supply the IdP certificate)",
  reject: "The receiver would reject it",
  unreadable: "The message could not be decoded or parsed",
};

export function VerdictBadge({ verdict }: { readonly verdict: Verdict }) {
  return (
    <span class={`badge verdict-${verdict}`} data-verdict={verdict} title={TITLE[verdict]}>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}
