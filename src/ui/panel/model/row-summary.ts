/**
 * What the list needs of a message's analysis: its verdict, kind, direction and issuer, and the words search finds
 * in it. The analysis worker sends this much for every row; the full analysis (XML, model, findings, signatures)
 * only for the message the user opens.
 */
import type { MessageKind } from "../../../core/saml/model.js";
import type { MessageAnalysis } from "./analyze-message.js";
import type { AnalyzedMessage } from "../../../core/analyze/result.js";

export interface RowSummary {
  readonly kind: MessageKind | null;
  readonly verdict: "accept" | "reject";
  /** False when a check the receiver makes could not be made (the signature). */
  readonly verdictComplete: boolean;
  /** The receiver's answer in the capture, which decided the verdict; `null` when the verdict is a prediction. */
  readonly answer: AnalyzedMessage["answer"];
  /** What a predicted verdict rests on (no profile, no certificate, an assumed mapping). */
  readonly assumptions: AnalyzedMessage["assumptions"];
  /** The ids of the error findings (what the verdict's words name). */
  readonly errors: readonly string[];
  readonly receiver: "sp" | "idp";
  readonly issuer: string | null;
  /** Lower-cased words of the analysis that search matches: destination, finding IDs, NameIDs, attributes. */
  readonly words: string;
}

export function summaryOf({ message }: MessageAnalysis): RowSummary {
  const { kind, verdict, verdictComplete, answer, assumptions, receiver, issuer } = message;
  const errors = message.findings.filter((finding) => finding.severity === "error").map((finding) => finding.id);
  return { kind, verdict, verdictComplete, answer, assumptions, errors, receiver, issuer, words: wordsOf({ message }) };
}

function wordsOf({ message }: Pick<MessageAnalysis, "message">): string {
  const parts: (string | undefined | null)[] = [message.destination, ...message.findings.map((finding) => finding.id)];
  const model = message.model;
  if (model?.kind === "Response") {
    for (const assertion of model.assertions) {
      parts.push(assertion.nameId?.value, ...assertion.attributes.flatMap((attribute) => [attribute.name, attribute.friendlyName, ...attribute.values]));
    }
  }
  if (model?.kind === "LogoutRequest") parts.push(model.nameId?.value);
  return parts.filter(Boolean).join("\n").toLowerCase();
}
