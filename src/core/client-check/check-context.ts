/** What every check receives, what it returns, and the small helpers they share. */
import type { Audience } from "../rules/audience.js";
import type { ExpectedSetting, Preset } from "../presets/schema.js";
import type { MapperView } from "./effective-mappers.js";
import type { ClientFinding, FindingId } from "./finding.js";
import type { KeycloakClient, KeycloakInput } from "./input.js";
import type { RealmKeys } from "./realm-keys.js";
import { pointer, type JsonPatchOperation } from "./json-patch.js";
import { CLIENT_SETTINGS, fieldPlace, settingKey, type ClientAttributeName, type ClientSettingName } from "../keycloak/attributes.js";

export interface CheckContext {
  readonly preset: Preset;
  readonly input: KeycloakInput;
  readonly client: KeycloakClient;
  readonly mappers: MapperView;
  /** Where the findings are read (the CLI by default): the few words that name the CLI's options depend on it. */
  readonly audience?: Audience;
  /** The realm's keys (`GET /admin/realms/{realm}/keys`), when the caller has them; the realm-key checks need them. */
  readonly realmKeys: RealmKeys | undefined;
  /** The clock for expiry checks. */
  readonly now: Date;
}

/** A finding plus the JSON Patch operations on the exported client that fix it (none when only a person can). */
export interface CheckOutcome {
  readonly finding: ClientFinding;
  readonly patch: readonly JsonPatchOperation[];
}

/** What a client check is: one file per check under checks/, its id equal to its file name, listed in registry.ts. */
export interface ClientCheck {
  readonly id: FindingId;
  readonly run: (context: CheckContext) => readonly CheckOutcome[];
}

/** Declares a check (as `defineRule` declares a message rule): `export const check = defineCheck({ id, run })`. */
export function defineCheck<const T extends ClientCheck>(check: T): T {
  return check;
}

export function attributeValue(context: CheckContext, name: ClientAttributeName): string | undefined {
  return context.client.attributes?.[settingKey(name)];
}

/** A finding about one client setting, with severity and source taken from the preset's expectation. */
export function settingFinding(
  id: FindingId,
  setting: ClientSettingName,
  expectation: ExpectedSetting,
  details: { expected?: ClientFinding["expected"]; actual: ClientFinding["actual"]; message: string; fix: string; severity?: ClientFinding["severity"] },
): ClientFinding {
  return {
    id,
    severity: details.severity ?? expectation.severity,
    field: fieldPlace(setting),
    attributeKey: settingKey(setting),
    expected: details.expected ?? expectation.expected,
    actual: details.actual,
    message: details.message,
    fix: details.fix,
    source: expectation.source,
  };
}

/** Sets a client setting in the exported JSON ("add" replaces an existing member). */
export function setSetting(setting: ClientSettingName, value: unknown): JsonPatchOperation {
  const entry = CLIENT_SETTINGS[setting];
  return entry.where === "attribute"
    ? { op: "add", path: pointer("attributes", entry.key), value }
    : { op: "add", path: pointer(entry.key), value };
}

/** "Sign documents" → `Settings › Signature and Encryption › Sign documents`, for fix texts. */
export function where(setting: ClientSettingName): string {
  const { label, tab, section } = fieldPlace(setting);
  return [tab, section, label].filter((part) => part !== undefined).join(" › ");
}

export function onOff(value: string | undefined): string {
  return value === "true" ? "On" : value === undefined ? "not set (Off)" : "Off";
}
