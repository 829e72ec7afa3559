import type { Row } from "./model/session.js";
import { VERDICT_LABEL, verdictWordsOf, type Verdict } from "./model/view.js";

const TITLE: Record<Verdict, string> = {
  pending: "Being analysed",
  accept: "The receiver accepts it",
  unverified: "Accepted if what the prediction assumed holds",
  reject: "The receiver rejects it",
  unreadable: "The message could not be decoded or parsed",
};

/** The verdict in words: the receiver's answer where the capture holds it, else the prediction and what it assumed. */
export function VerdictBadge({ verdict, row }: { readonly verdict: Verdict; readonly row?: Row }) {
  const words = verdict === "unreadable" || row === undefined ? undefined : verdictWordsOf(row);
  return (
    <span class={`badge verdict-${verdict}`} data-verdict={verdict} title={words?.sentence ?? TITLE[verdict]}>
      {words?.short ?? VERDICT_LABEL[verdict]}
    </span>
  );
}
