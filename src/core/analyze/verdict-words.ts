/**
 * A verdict in words: what the receiver did (when the capture holds its answer) or will do, and on what the
 * prediction rests. The list, the detail, the CLI and the wizard say the same.
 */
import type { AnalyzedMessage } from "./result.js";

export interface VerdictWords {
  /** For a badge: "Accepted", "Rejected", "Accepted if the IdP's key is trusted". */
  readonly short: string;
  /** One or two sentences. */
  readonly sentence: string;
}

const MAPPING_RULES = new Set(["attribute.missing-identifier", "attribute.missing-email"]);

/** What the words are made of: the whole analysis, or the summary of it the panel's list holds. */
export type VerdictFacts = Pick<AnalyzedMessage, "receiver" | "kind" | "answer" | "assumptions" | "verdict"> & {
  readonly findings: readonly Pick<AnalyzedMessage["findings"][number], "id" | "severity">[];
};

export function verdictWords(message: VerdictFacts): VerdictWords {
  const receiver = message.receiver === "sp" ? "Sentry" : "Keycloak";
  const what = message.kind ?? "message";
  const errors = message.findings.filter((finding) => finding.severity === "error");
  const answer = message.answer;
  if (answer !== null) {
    if (answer.outcome === "refused") return { short: "Rejected", sentence: `${receiver} refused this ${what}: ${answer.says}.` };
    const mapping = message.assumptions.find((assumption) => assumption.short.startsWith("IdP User ID"));
    const contradicted =
      errors.length === 0
        ? ""
        : mapping !== undefined && errors.every((finding) => MAPPING_RULES.has(finding.id))
          ? ` The checks here predicted a refusal (${errors.map((finding) => finding.id).join(", ")}) because they ${mapping.text.replace(/^assumes/, "assumed")}: Sentry's own mapping differs.`
          : ` The checks here predicted a refusal (${errors.map((finding) => finding.id).join(", ")}), so the SP profile, IdP certificate or attribute mapping they used is not what ${receiver} has.`;
    return { short: "Accepted", sentence: `${receiver} accepted this ${what}: ${answer.says}.${contradicted}` };
  }
  const assumptions = message.assumptions;
  if (message.verdict === "reject") {
    const mapping = assumptions.find((assumption) => assumption.short.startsWith("IdP User ID"));
    if (mapping !== undefined && errors.every((finding) => MAPPING_RULES.has(finding.id))) {
      return { short: `Rejected if ${mapping.short}`, sentence: `${receiver} will reject this ${what} if its mapping is as assumed: ${mapping.text}.` };
    }
    return { short: "Rejected", sentence: `${receiver} will reject this ${what}.` };
  }
  const [first] = assumptions;
  if (first === undefined) return { short: "Accepted", sentence: `${receiver} will accept this ${what}.` };
  return { short: `Accepted if ${first.short}`, sentence: `${receiver} will accept this ${what} if ${assumptions.map((assumption) => assumption.short).join(" and ")}: ${assumptions.map((assumption) => assumption.text).join("; ")}.` };
}
