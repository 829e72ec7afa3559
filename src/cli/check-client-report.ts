/** check-client's text report: the fit findings, then the security findings apart, then what to paste into Sentry. */
import { actionableSecurityFindings, type ClientCheckResult } from "../core/client-check/check-client.js";
import type { ClientFinding } from "../core/client-check/finding.js";
import type { ClientFix } from "../core/client-check/fix.js";
import type { InputProblem } from "../core/presets/schema.js";
import type { SentrySideValues } from "../core/presets/sentry-side.js";

export function warningsText(warnings: readonly InputProblem[]): string {
  return warnings.map((warning) => `Note: ${warning.message}\n`).join("") + (warnings.length > 0 ? "\n" : "");
}

const COLORS: Readonly<Record<ClientFinding["severity"], string>> = { error: "31", warning: "33", suggestion: "36", info: "2" };

function findingLines(finding: ClientFinding, color: boolean): string[] {
  const label = finding.severity.toUpperCase().padEnd(10);
  const place = [finding.field.tab, finding.field.section, finding.field.label].filter((part) => part !== undefined).join(" › ");
  return [
    `${color ? `\u001b[${COLORS[finding.severity]}m${label}\u001b[0m` : label} ${finding.id}  (${place})`,
    `  ${finding.message}`,
    finding.accepted === undefined ? `  Fix: ${finding.fix}` : `  Accepted: ${finding.accepted}`,
    "",
  ];
}

function severityCounts(findings: readonly ClientFinding[]): string[] {
  return ["error", "warning", "suggestion", "info"]
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}${count === 1 ? "" : "s"}`);
}

export function reportText(result: ClientCheckResult, color: boolean): string {
  const lines = [`Client "${result.clientId}" (${result.input.kind}) checked against ${result.preset.name}.`, ""];
  if (result.findings.length === 0) lines.push("No findings: this client has what the SP needs.", "");
  for (const finding of result.findings) lines.push(...findingLines(finding, color));
  const counts = severityCounts(result.findings);
  lines.push(`Summary: ${counts.length === 0 ? "nothing to change" : counts.join(", ")}.`, "");
  return lines.join("\n");
}

/** The security findings, after the fit summary: they never change whether login works, so they never join its counts. */
export function securityText(result: ClientCheckResult, color: boolean): string {
  if (result.securityFindings.length === 0) return "";
  const actionable = actionableSecurityFindings(result.securityFindings);
  const accepted = result.securityFindings.length - actionable.length;
  const lines = ["", "Security (what an auditor would flag; none of it changes whether Sentry's login works):", ""];
  for (const finding of result.securityFindings) lines.push(...findingLines(finding, color));
  const counts = severityCounts(actionable);
  lines.push(
    `Security summary: ${counts.length === 0 ? "nothing to change" : counts.join(", ")}` +
      `${accepted === 0 ? "" : `; ${accepted} accepted (what Sentry forbids or ignores, with the control that compensates)`}.`,
    "",
  );
  return lines.join("\n");
}

export function sentryText(sentry: SentrySideValues | null): string {
  if (sentry === null) return "";
  const lines = [
    "",
    "Paste into Sentry (Settings → Auth → SAML2):",
    `  Metadata URL:        ${sentry.metadataUrl}`,
    `    (older Keycloak / legacy path: ${sentry.alternativeMetadataUrl})`,
    `  or by hand: Entity ID ${sentry.entityId}`,
    `              Single Sign On URL ${sentry.ssoUrl}`,
    `              Single Log Out URL ${sentry.sloUrl}`,
    "  Attribute mapping:",
    ...sentry.attributeMapping.map((row) => `    ${row.sentryField.padEnd(12)} ${row.samlAttributeName}`),
    ...sentry.notes.map((note) => `  Note: ${note}`),
    "",
  ];
  return lines.join("\n");
}

export function fixText(fix: { file: string; fix: ClientFix } | null): string {
  if (fix === null) return "";
  return ["", `Wrote the corrected client to ${fix.file}.`, ...fix.fix.notes.map((note) => `  ${note}`), ""].join("\n");
}

