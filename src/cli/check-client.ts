/** `saml-lens check-client`: checks a Keycloak client export against a Sentry preset; can write fixes and new clients. */
import { z } from "zod";
import { actionableSecurityFindings, checkClientExport, hasFindingsAtLeast, type ClientCheckResult } from "../core/client-check/check-client.js";
import { buildClientFix, type ClientFix } from "../core/client-check/fix.js";
import { newClientForPreset } from "../core/client-check/new-client.js";
import { readRealmKeys, type RealmKeys } from "../core/client-check/realm-keys.js";
import { presetFromSpMetadata } from "../core/presets/from-sp-metadata.js";
import type { InputProblem, Preset, PresetResult } from "../core/presets/schema.js";
import { sentrySaasPreset } from "../core/presets/sentry-saas.js";
import { sentrySelfHostedPreset } from "../core/presets/sentry-self-hosted.js";
import { sentrySideValues, type SentrySideValues } from "../core/presets/sentry-side.js";
import type { SentryAttributeNames } from "../core/presets/sentry-sp.js";
import { binaryKind, isText } from "../core/input/what-it-is.js";
import { fixText, reportText, securityText, sentryText, warningsText } from "./check-client-report.js";
import { EXIT, UsageError, type CliCommand, type CliIo } from "./io.js";

const USAGE = `Usage: saml-lens check-client <client.json|realm.json|-> (--sentry-url URL --org SLUG | --sentry-saas --org SLUG | --sp-metadata FILE)
         [--keycloak-url URL --realm NAME] [--client-id ID] [--identifier-attribute NAME] [--email-attribute NAME]
         [--realm-keys keys.json] [--json] [--fix out.json] [--new-client out.json] [--fail-on error|warning[,security]]

Checks a Keycloak SAML client (Clients → client → Action → Export, a realm export, or a partial-import file)
against what Sentry needs, and says what to change, where, and why; then, apart, what an auditor would flag
(security findings, which never change whether Sentry's login works).

  --sentry-url URL            Sentry's URL prefix (system.url-prefix), e.g. https://sentry.example.com
  --sentry-saas               Sentry is sentry.io (the prefix is https://sentry.io; --sentry-url overrides it)
  --org SLUG                  the organization slug
  --sp-metadata FILE          Sentry's SP metadata XML (served at <prefix>/saml/metadata/<org>/) instead of URL + slug
  --keycloak-url URL          Keycloak's URL, to print the values to paste into Sentry
  --realm NAME                the realm (with --keycloak-url)
  --client-id ID              the client to check in a realm export
  --identifier-attribute NAME what you typed into Sentry's "IdP User ID" (default: user_id)
  --email-attribute NAME      what you typed into Sentry's "User Email" (default: user_email)
  --realm-keys FILE           the realm's keys (GET /admin/realms/<realm>/keys), to check key size and certificate expiry
  --json                      machine-readable output
  --fix FILE                  write the corrected client, importable in Clients → Import client
  --new-client FILE           write a complete new client for a fresh setup (no input file needed)
  --fail-on LEVELS            exit 1 when a fit finding is at least this severe (error|warning), or with "security"
                              when there is a security finding that is not accepted (comma-separated: warning,security)

Exit codes: 0 ran, 1 findings at --fail-on level, 2 unusable input.`;

const VALUE_OPTIONS = [
  "--sentry-url",
  "--org",
  "--sp-metadata",
  "--keycloak-url",
  "--realm",
  "--client-id",
  "--identifier-attribute",
  "--email-attribute",
  "--fix",
  "--new-client",
  "--fail-on",
  "--realm-keys",
] as const;
const FLAG_OPTIONS = ["--sentry-saas", "--json"] as const;

type ValueOption = (typeof VALUE_OPTIONS)[number];

const failOnSchema = z.array(z.enum(["error", "warning", "security"])).refine((levels) => !(levels.includes("error") && levels.includes("warning")), {
  message: "give error or warning, not both",
});
type FailOn = z.infer<typeof failOnSchema>;

function parseFailOn(value: string | undefined): FailOn {
  if (value === undefined) return [];
  const parsed = failOnSchema.safeParse(value.split(",").map((part) => part.trim()));
  if (!parsed.success) throw new UsageError(`--fail-on takes "error", "warning", "security" or a comma-separated mix (warning,security), not "${value}".`);
  return parsed.data;
}

const optionsSchema = z.object({
  input: z.string().optional(),
  values: z.partialRecord(z.enum(VALUE_OPTIONS), z.string()),
  flags: z.set(z.enum(FLAG_OPTIONS)),
});
type Options = z.infer<typeof optionsSchema>;

function parseArgs(args: readonly string[]): Options {
  const values: Partial<Record<ValueOption, string>> = {};
  const flags = new Set<(typeof FLAG_OPTIONS)[number]>();
  const positional: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const valueOption = VALUE_OPTIONS.find((option) => option === name);
    const flagOption = FLAG_OPTIONS.find((option) => option === name);
    if (valueOption !== undefined) {
      const value = inline ?? args[++index];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new UsageError(`${valueOption} needs a value.`);
      if (values[valueOption] !== undefined) throw new UsageError(`${valueOption} is given twice.`);
      values[valueOption] = value;
    } else if (flagOption !== undefined) {
      flags.add(flagOption);
    } else if (arg.startsWith("--") || (arg.startsWith("-") && arg !== "-")) {
      throw new UsageError(`Unknown option ${arg}.\n\n${USAGE}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length > 1) throw new UsageError(`Give one input file, not ${positional.length}: ${positional.join(" ")}`);
  parseFailOn(values["--fail-on"]);
  return optionsSchema.parse({ input: positional[0], values, flags });
}

const CLIENT_EXPORT = "A Keycloak client export is the JSON file of Clients → the client → Action → Export.";
const SP_METADATA = "Sentry's SP metadata is the XML it serves at <url-prefix>/saml/metadata/<org>/.";

async function readText(io: CliIo, path: string, expected: string): Promise<string> {
  const bytes = await io.readInput(path);
  if (!isText(bytes)) throw new UsageError(`${nameOf(path)}: This is ${binaryKind(bytes)}, not text. ${expected}`);
  return new TextDecoder("utf-8").decode(bytes);
}

function nameOf(path: string): string {
  return path === "-" ? "standard input" : path;
}

async function resolvePreset(options: Options, io: CliIo): Promise<PresetResult> {
  const { values, flags } = options;
  const attributeNames: Partial<SentryAttributeNames> = {
    ...(values["--identifier-attribute"] === undefined ? {} : { identifier: values["--identifier-attribute"] }),
    ...(values["--email-attribute"] === undefined ? {} : { userEmail: values["--email-attribute"] }),
  };
  const names = Object.keys(attributeNames).length === 0 ? {} : { attributeNames };
  const metadata = values["--sp-metadata"];
  const chosen = [metadata !== undefined, flags.has("--sentry-saas"), values["--sentry-url"] !== undefined && !flags.has("--sentry-saas")].filter(Boolean);
  if (chosen.length !== 1) {
    throw new UsageError("Say which Sentry: --sentry-url URL --org SLUG, or --sentry-saas --org SLUG, or --sp-metadata FILE (one of them).");
  }
  if (metadata !== undefined) return presetFromSpMetadata(await readText(io, metadata, SP_METADATA), names);
  const org = values["--org"];
  if (flags.has("--sentry-saas")) {
    if (org === undefined) throw new UsageError("--sentry-saas needs --org SLUG.");
    const prefix = values["--sentry-url"];
    return sentrySaasPreset({ orgSlug: org, ...(prefix === undefined ? {} : { urlPrefix: prefix }), ...names });
  }
  return sentrySelfHostedPreset({ urlPrefix: values["--sentry-url"] ?? "", orgSlug: org ?? "", ...names });
}

function sentryValues(options: Options, preset: Preset, warnings: InputProblem[]): SentrySideValues | null {
  const keycloakUrl = options.values["--keycloak-url"];
  const realm = options.values["--realm"];
  if (keycloakUrl === undefined) {
    if (realm !== undefined) throw new UsageError("--realm needs --keycloak-url.");
    return null;
  }
  const identifier = preset.sp.attributes.required.find((attribute) => attribute.key === "identifier")?.samlName;
  const userEmail = preset.sp.attributes.required.find((attribute) => attribute.key === "user_email")?.samlName;
  const result = sentrySideValues({
    keycloakUrl,
    realm: realm ?? "",
    attributeNames: { ...(identifier === undefined ? {} : { identifier }), ...(userEmail === undefined ? {} : { userEmail }) },
  });
  if (!result.ok) throw new UsageError(result.error.message);
  warnings.push(...result.warnings);
  return result.value;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runChecked(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`saml-lens check-client: ${error.message}\n`);
      return EXIT.unusableInput;
    }
    throw error;
  }
}

async function runChecked(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  const presetResult = await resolvePreset(options, io);
  const metadataFile = options.values["--sp-metadata"];
  if (!presetResult.ok) throw new UsageError(`${metadataFile === undefined ? "" : `${nameOf(metadataFile)}: `}${presetResult.error.message}`);
  const { preset } = presetResult;
  const warnings: InputProblem[] = [...presetResult.warnings];
  const sentry = sentryValues(options, preset, warnings);
  const json = options.flags.has("--json");

  const newClientFile = options.values["--new-client"];
  if (newClientFile !== undefined) await io.writeFile(newClientFile, `${JSON.stringify(newClientForPreset(preset), null, 2)}\n`);
  if (options.input === undefined) {
    if (newClientFile === undefined) throw new UsageError(`Give the client export to check (or "-" for standard input).\n\n${USAGE}`);
    if (json) io.stdout(`${JSON.stringify({ preset: presetSummary(preset), newClient: newClientFile, sentry: sentryJson(sentry), inputWarnings: warnings }, null, 2)}\n`);
    else io.stdout(`${warningsText(warnings)}Wrote a new client for ${preset.sp.entityId} to ${newClientFile} (Clients → Import client).\n${sentryText(sentry)}`);
    return EXIT.ok;
  }

  const clientId = options.values["--client-id"];
  const realmKeys = await readRealmKeysOption(options, io);
  const checked = checkClientExport(await readText(io, options.input, CLIENT_EXPORT), preset, {
    ...(clientId === undefined ? {} : { clientId }),
    ...(realmKeys === undefined ? {} : { realmKeys }),
    now: io.now(),
  });
  if (!checked.ok) throw new UsageError(`${nameOf(options.input)}: ${checked.error.message}`);
  const { result } = checked;

  let fix: { file: string; fix: ClientFix } | null = null;
  const fixFile = options.values["--fix"];
  if (fixFile !== undefined) {
    const built = buildClientFix(result);
    if (!built.ok) throw new UsageError(built.message);
    await io.writeFile(fixFile, `${JSON.stringify(built.fix.client, null, 2)}\n`);
    fix = { file: fixFile, fix: built.fix };
  }

  if (json) {
    io.stdout(
      `${JSON.stringify(
        {
          client: result.clientId,
          exportKind: result.input.kind,
          preset: presetSummary(preset),
          findings: result.findings,
          security: result.securityFindings,
          sentry: sentryJson(sentry),
          inputWarnings: warnings,
          ...(fix === null ? {} : { fix: { file: fix.file, patch: fix.fix.patch, notes: fix.fix.notes } }),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(`${warningsText(warnings)}${reportText(result, io.color)}${securityText(result, io.color)}${sentryText(sentry)}${fixText(fix)}`);
  }
  const failOn = parseFailOn(options.values["--fail-on"]);
  const fitLevel = failOn.find((level) => level !== "security");
  const fitFails = fitLevel !== undefined && hasFindingsAtLeast(result.findings, fitLevel);
  const securityFails = failOn.includes("security") && actionableSecurityFindings(result.securityFindings).length > 0;
  return fitFails || securityFails ? EXIT.findings : EXIT.ok;
}

async function readRealmKeysOption(options: Options, io: CliIo): Promise<RealmKeys | undefined> {
  const file = options.values["--realm-keys"];
  if (file === undefined) return undefined;
  const read = readRealmKeys(await readText(io, file, "The realm's keys are the JSON of GET /admin/realms/<realm>/keys."));
  if (!read.ok) throw new UsageError(`${file}: ${read.message}`);
  return read.keys;
}

function presetSummary(preset: Preset): { id: string; name: string; entityId: string } {
  return { id: preset.id, name: preset.name, entityId: preset.sp.entityId };
}

function sentryJson(sentry: SentrySideValues | null): Record<string, unknown> | null {
  if (sentry === null) return null;
  return {
    metadataUrl: sentry.metadataUrl,
    alternativeMetadataUrl: sentry.alternativeMetadataUrl,
    entityId: sentry.entityId,
    ssoUrl: sentry.ssoUrl,
    sloUrl: sentry.sloUrl,
    attributeMapping: Object.fromEntries(sentry.attributeMapping.map((row) => [row.sentryField, row.samlAttributeName])),
    notes: sentry.notes,
  };
}

export const checkClientCommand: CliCommand = {
  name: "check-client",
  summary: "check a Keycloak SAML client export against Sentry",
  usage: USAGE,
  run,
};
