/**
 * python3-saml's SubjectConfirmation loop: the Response is accepted if any bearer confirmation passes every check.
 * Each failing reason is its own rule, but they all surface as one message at the SP.
 */
import { epochSeconds, parseSamlTime } from "../saml/time.js";
import type { SamlResponse, SubjectConfirmation } from "../saml/model.js";
import { receivedAt } from "./context-helpers.js";

const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

export type ConfirmationProblem = "not-bearer" | "no-data" | "in-response-to" | "recipient" | "expired" | "not-yet-valid";

export interface ConfirmationVerdict {
  readonly valid: boolean;
  /** Problems of each confirmation (empty array for a valid one). */
  readonly problems: readonly (readonly ConfirmationProblem[])[];
  readonly confirmations: readonly SubjectConfirmation[];
}

export function judgeConfirmations(response: SamlResponse, acsUrl: string | undefined, now: Date): ConfirmationVerdict | undefined {
  const assertion = response.assertions[0];
  if (assertion === undefined) return undefined;
  const currentUrl = acsUrl === undefined ? undefined : receivedAt(acsUrl);
  const seconds = epochSeconds(now);
  const problems = assertion.subjectConfirmations.map((confirmation) => {
    const found: ConfirmationProblem[] = [];
    if (confirmation.method !== undefined && confirmation.method !== "" && confirmation.method !== BEARER) return ["not-bearer" as const];
    if (!confirmation.hasData) return ["no-data" as const];
    const irt = confirmation.inResponseTo;
    if (response.inResponseTo && irt && irt !== response.inResponseTo) found.push("in-response-to");
    if (currentUrl !== undefined && confirmation.recipient && !confirmation.recipient.includes(currentUrl)) found.push("recipient");
    const notOnOrAfter = confirmation.notOnOrAfter ? parseSamlTime(confirmation.notOnOrAfter) : undefined;
    if (notOnOrAfter !== undefined && notOnOrAfter <= seconds) found.push("expired");
    const notBefore = confirmation.notBefore ? parseSamlTime(confirmation.notBefore) : undefined;
    if (notBefore !== undefined && notBefore > seconds) found.push("not-yet-valid");
    return found;
  });
  return { valid: problems.some((list) => list.length === 0), problems, confirmations: assertion.subjectConfirmations };
}

/** The confirmations that fail with this problem, when no confirmation is valid. */
export function failingWith(verdict: ConfirmationVerdict | undefined, problem: ConfirmationProblem): SubjectConfirmation[] {
  if (verdict === undefined || verdict.valid) return [];
  return verdict.confirmations.filter((_, index) => verdict.problems[index]?.includes(problem) === true);
}
