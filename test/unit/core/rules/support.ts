/**
 * One message through the public entry point, as Sentry's ACS receives it: the unsigned fixture (or another), edited
 * to show one mistake, posted as a form body. Without a verifier the signature rules only say they could not check;
 * every other rule judges the XML as it is.
 */
import { analyzeInput, type AnalyzeOptions } from "../../../../src/core/analyze/analyze.js";
import type { AnalyzedMessage } from "../../../../src/core/analyze/result.js";
import type { Finding } from "../../../../src/core/rules/rule.js";
import { NOW, PROFILE, base64, fixtureXml } from "../fixtures.js";

export const UNSIGNED = fixtureXml("unsigned");

/** `xml` with `from` replaced by `to`; throws when `from` is not there, so that no test checks the fixture unedited. */
export function edit(xml: string, from: string | RegExp, to: string): string {
  const found = typeof from === "string" ? xml.includes(from) : from.test(xml);
  if (!found) throw new Error(`edit: ${String(from)} is not in the XML`);
  return xml.replace(from, to);
}

/** Analyses any input the user could paste (form body, URL, base64, XML, HAR); the first message it holds. */
export async function analyse(input: string, options: Partial<AnalyzeOptions> = {}): Promise<AnalyzedMessage> {
  const result = await analyzeInput(input, { profile: PROFILE, now: NOW, ...options });
  if (!result.ok) throw new Error(result.error.message);
  const message = result.analysis.messages[0];
  if (message === undefined) throw new Error("no message");
  return message;
}

/** The XML as a POSTed SAMLResponse form value. */
export function posted(xml: string): string {
  return `SAMLResponse=${encodeURIComponent(base64(xml))}`;
}

export async function analysePosted(xml: string, options: Partial<AnalyzeOptions> = {}): Promise<AnalyzedMessage> {
  return analyse(posted(xml), options);
}

export function findingsOf(message: AnalyzedMessage, id: string): Finding[] {
  return message.findings.filter((finding) => finding.id === id);
}

/** The one finding of rule `id`; fails when there is none or more than one. */
export function theFinding(message: AnalyzedMessage, id: string): Finding {
  const found = findingsOf(message, id);
  if (found.length !== 1) throw new Error(`${id}: expected one finding, got ${found.length} (${message.findings.map((f) => f.id).join(", ")})`);
  const [finding] = found;
  if (finding === undefined) throw new Error(id);
  return finding;
}

export function ids(message: AnalyzedMessage): string[] {
  return message.findings.map((finding) => finding.id);
}

/** The page Sentry shows for a refusal python3-saml reports: the finding quotes it to the user. */
export function sentryPage(finding: Finding): string {
  return `SAML SSO failed, ${finding.receiverMessage ?? "(no receiver message)"}`;
}
