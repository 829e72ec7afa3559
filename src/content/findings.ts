/** The checker's findings as the overlay places them: which console field, which tab, how bad. */
import type { MessageResponse } from "../platform/messages.js";
import type { ClientTab } from "../core/keycloak/console-routes.js";
import { optionLabel, ROLE_LIST_SCOPE } from "../core/keycloak/attributes.js";
import { formKey } from "../core/keycloak/form-keys.js";
import { SEVERITY_ORDER, type Severity } from "../core/presets/severity.js";
import { fieldByKey, type ConsoleField } from "./selectors.js";

export type CheckResponse = MessageResponse<"overlay.check">;
/** A Sentry-fit outcome, or a security one (its id a plain string: content.js has no room for the list of them). */
export type Outcome = CheckResponse["outcomes"][number] | NonNullable<CheckResponse["securityOutcomes"]>[number];
export type Finding = Outcome["finding"];
export type PatchOperation = Outcome["patch"][number];
/** A badge shows its worst finding's severity, or "ok" when it has none. */
export type BadgeState = Severity | "ok";

const rank = (state: BadgeState) => (state === "ok" ? SEVERITY_ORDER.length : SEVERITY_ORDER.indexOf(state));

export function worst(states: readonly BadgeState[]): BadgeState {
  return states.reduce<BadgeState>((a, b) => (rank(b) < rank(a) ? b : a), "ok");
}

/** The console field a finding is about, when it is a client setting the overlay knows. */
export function findingField(finding: Finding): ConsoleField | undefined {
  if (finding.id.startsWith("mapper.") || finding.attributeKey === null) return undefined;
  return fieldByKey(finding.attributeKey) ?? fieldByKey(formKey(finding.attributeKey));
}

export function findingTab(finding: Finding): ClientTab {
  const field = findingField(finding);
  if (field !== undefined) return field.tab;
  return finding.id.startsWith("mapper.") ? "clientScopes" : "settings";
}

/** Mapper findings about the shared role_list scope go on its row; the others on the dedicated scope's row. */
export function findingScopeRow(finding: Finding): "dedicated" | typeof ROLE_LIST_SCOPE | null {
  if (!finding.id.startsWith("mapper.")) return null;
  return finding.field.section?.startsWith(ROLE_LIST_SCOPE) === true ? ROLE_LIST_SCOPE : "dedicated";
}

/** Security is never part of the Sentry verdict, the counts or the Clients list's marker. */
export const isSecurity = (finding: Finding): boolean => finding.kind === "security";

/**
 * "Accepted", "not accepted" (a setting Sentry needs Off whose compensating control is missing), or neither: a security
 * finding that expects Off is one whose textbook setting (On) breaks Sentry.
 */
export function acceptance(finding: Finding): string | null {
  return finding.accepted !== undefined ? `Accepted: ${finding.accepted}` : finding.expected === "false" ? `Not accepted: ${finding.fix}` : null;
}

export function fieldLocation(finding: Finding): string {
  return [finding.field.tab, finding.field.section, finding.field.label].filter((part) => part !== undefined && part !== "").join(" › ");
}

export function showValue(value: unknown): string {
  if (value === null || value === undefined) return "(not set)";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "boolean") return value ? "On" : "Off";
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.map(showValue).join(", ");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([key, entry]) => `${key}: ${showValue(entry)}`)
      .join("; ");
  }
  return String(value);
}

/** A value as the console shows it, with the value Keycloak stores when that reads differently. */
export interface ConsoleValue {
  readonly shown: string;
  readonly stored: string | null;
}

/** An expected or current value of `finding` in the console's words: On/Off for a switch, a select's option label. */
export function consoleValue(finding: Finding, value: unknown): ConsoleValue {
  const field = findingField(finding);
  if (field !== undefined && (field.kind === "switch" || field.kind === "dialog-switch") && (value === "true" || value === "false")) {
    return { shown: value === "true" ? "On" : "Off", stored: value };
  }
  const label = field !== undefined && typeof value === "string" ? optionLabel(field.name, value) : undefined;
  if (label !== undefined) return { shown: label, stored: String(value) };
  return { shown: showValue(value), stored: null };
}
