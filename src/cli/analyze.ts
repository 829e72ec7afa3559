/** `saml-lens analyze`: decode, verify and diagnose captured SAML traffic the way Sentry (python3-saml) would. */
import { parseArgs } from "node:util";
import * as z from "zod/mini";
import { analyzeFile } from "../core/analyze/analyze-file.js";
import { exportHarText } from "../core/har/export.js";
import { certificatesFromMetadata, certificatesFromPem } from "../core/saml/signature/trusted-certificates.js";
import type { Analysis, AnalyzedMessage } from "../core/analyze/result.js";
import { defaultVerifier, type VerifySignatures } from "../core/analyze/signatures.js";
import type { Finding, SpProfile } from "../core/rules/rule.js";
import type { TrustedCertificate } from "../core/saml/signature/types.js";
import { DEFAULT_ATTRIBUTE_NAMES } from "../core/presets/sentry-sp.js";
import { EXIT, UsageError, type CliCommand, type CliIo } from "./io.js";

const usage = `Usage: saml-lens analyze <file|-> [options]

Decodes the SAML messages in a HAR file, a form body (SAMLResponse=…), a URL, a base64 value or XML, and predicts
what Sentry (python3-saml) and Keycloak will say about each.

Options:
  --sentry-url URL              Sentry's system.url-prefix, e.g. https://sentry.example.com (with --org)
  --org SLUG                    Sentry organization slug
  --idp-metadata FILE           Keycloak's realm descriptor (IdP entity ID and signing certificate)
  --idp-cert FILE               IdP signing certificate (PEM), as pasted into Sentry
  --idp-entity-id ID            IdP entity ID, when not given by --idp-metadata
  --identifier-attribute NAME   Sentry's "IdP User ID" mapping (default ${DEFAULT_ATTRIBUTE_NAMES.identifier}, said when assumed)
  --email-attribute NAME        Sentry's "User Email" mapping (default ${DEFAULT_ATTRIBUTE_NAMES.userEmail})
  --now ISO-8601                Clock for time checks (default: each HAR message's capture time, as its receiver
                                judged it; the current time for input without one)
  --json                        Machine-readable output
  --fail-on error|warning       Exit 1 when a finding of this severity (or worse) is found
  --export-har FILE             Write the SAML requests as HAR 1.2 to FILE, redacted for sharing: NameID, attribute
                                values, e-mail addresses, certificates, signature values, cookies and credentials
                                are masked, inside the SAML messages too
  --no-redact                   With --export-har: write the values as captured

Exit codes: 0 analysis ran, 1 --fail-on matched, 2 unusable input.`;

const optionsSchema = z.object({
  "sentry-url": z.optional(z.url({ protocol: /^https?$/, error: "--sentry-url must be an http(s) URL, e.g. https://sentry.example.com" })),
  org: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*$/i, "--org must be a Sentry organization slug"))),
  "idp-metadata": z.optional(z.string()),
  "idp-cert": z.optional(z.string()),
  "idp-entity-id": z.optional(z.string()),
  "identifier-attribute": z.optional(z.string().check(z.minLength(1))),
  "email-attribute": z.optional(z.string().check(z.minLength(1))),
  now: z.optional(z.iso.datetime({ offset: true, error: "--now must be an ISO-8601 date-time, e.g. 2025-06-01T12:00:00Z" })),
  json: z.optional(z.boolean()),
  "fail-on": z.optional(z.enum(["error", "warning"], { error: "--fail-on must be error or warning" })),
  "export-har": z.optional(z.string().check(z.minLength(1, "--export-har needs a file name"))),
  "no-redact": z.optional(z.boolean()),
});

type Options = z.infer<typeof optionsSchema>;

function parse(args: readonly string[]): { file: string; options: Options } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        "sentry-url": { type: "string" },
        org: { type: "string" },
        "idp-metadata": { type: "string" },
        "idp-cert": { type: "string" },
        "idp-entity-id": { type: "string" },
        "identifier-attribute": { type: "string" },
        "email-attribute": { type: "string" },
        now: { type: "string" },
        json: { type: "boolean" },
        "fail-on": { type: "string" },
        "export-har": { type: "string" },
        "no-redact": { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new UsageError(`missing the input file (or - for standard input).\n\n${usage}`);
  if (extra.length > 0) throw new UsageError(`one input at a time; unexpected: ${extra.join(" ")}`);
  const options = z.safeParse(optionsSchema, parsed.values);
  if (!options.success) throw new UsageError(options.error.issues.map((issue) => issue.message).join("; "));
  if ((options.data["sentry-url"] === undefined) !== (options.data.org === undefined)) throw new UsageError("--sentry-url and --org go together.");
  if (options.data["idp-metadata"] !== undefined && options.data["idp-cert"] !== undefined) throw new UsageError("give --idp-metadata or --idp-cert, not both.");
  if (options.data["no-redact"] === true && options.data["export-har"] === undefined) throw new UsageError("--no-redact goes with --export-har.");
  return { file, options: options.data };
}

async function readText(io: CliIo, path: string): Promise<string> {
  const bytes = await io.readInput(path);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${path === "-" ? "standard input" : path} is not UTF-8 text.`);
  }
}

async function buildProfile(io: CliIo, options: Options): Promise<SpProfile> {
  const prefix = options["sentry-url"]?.replace(/\/+$/, "");
  const org = options.org;
  let idpEntityId = options["idp-entity-id"];
  let trusted: readonly TrustedCertificate[] = [];
  const metadataPath = options["idp-metadata"];
  const certPath = options["idp-cert"];
  if (metadataPath !== undefined) {
    const trust = certificatesFromMetadata(await readText(io, metadataPath), `IdP metadata ${metadataPath}`);
    if (!trust.ok) throw new UsageError(`${metadataPath}: ${trust.error.message}`);
    idpEntityId ??= trust.entityId;
    trusted = trust.certificates;
  } else if (certPath !== undefined) {
    const trust = certificatesFromPem(await readText(io, certPath), `IdP certificate ${certPath}`);
    if (!trust.ok) throw new UsageError(`${certPath}: ${trust.error.message}`);
    trusted = trust.certificates;
  }
  const endpoint = (kind: string) => (prefix === undefined || org === undefined ? undefined : `${prefix}/saml/${kind}/${org}/`);
  return {
    spEntityId: endpoint("metadata"),
    acsUrl: endpoint("acs"),
    slsUrl: endpoint("sls"),
    idpEntityId,
    trustedCertificates: trusted,
    identifierAttribute: options["identifier-attribute"] ?? DEFAULT_ATTRIBUTE_NAMES.identifier,
    emailAttribute: options["email-attribute"] ?? DEFAULT_ATTRIBUTE_NAMES.userEmail,
    attributeMappingAssumed: options["identifier-attribute"] === undefined || options["email-attribute"] === undefined,
  };
}

/** Creates the command; tests pass their own verifier, the CLI uses the one connected in core/analyze/signatures.ts. */
export function analyzeCommand(verify: VerifySignatures | undefined = defaultVerifier): CliCommand {
  return {
    name: "analyze",
    summary: "decode and diagnose SAML traffic (HAR, form body, URL, base64, XML)",
    usage,
    run: async (args, io) => {
      const { file, options } = parse(args);
      const profile = await buildProfile(io, options);
      const now = options.now === undefined ? io.now() : new Date(options.now);
      // A stream, not text: a HAR of gigabytes goes through the importer as it is read, never whole in memory.
      const result = await analyzeFile(await io.streamInput(file), { profile, now, atCaptureTime: options.now === undefined, followAnswers: options.now === undefined, verify });
      if (!result.ok) throw new UsageError(`${file === "-" ? "standard input" : file}: ${result.error.message}`);
      const { analysis } = result;
      const exportPath = options["export-har"];
      if (exportPath !== undefined) {
        const redact = options["no-redact"] !== true;
        await io.writeFile(exportPath, exportHarText(result.entries, { redact }));
        io.stderr(`Wrote ${result.entries.length} request${result.entries.length === 1 ? "" : "s"} as HAR 1.2 to ${exportPath}${redact ? " (redacted)" : " (NOT redacted)"}.\n`);
      }
      io.stdout(options.json === true ? `${JSON.stringify(toJson(analysis), null, 2)}\n` : human(analysis, profile, io.color, now));
      const failOn = options["fail-on"];
      if (failOn === undefined) return EXIT.ok;
      // Security findings never change whether the receiver accepts, so they never trip --fail-on either.
      const matches = (finding: Finding) =>
        finding.kind !== "security" && (finding.severity === "error" || (failOn === "warning" && finding.severity === "warning"));
      return analysis.messages.some((message) => message.findings.some(matches)) ? EXIT.findings : EXIT.ok;
    },
  };
}

export const analyze = analyzeCommand();

function toJson(analysis: Analysis) {
  return {
    messages: analysis.messages.map((message) => ({
      kind: message.kind,
      binding: message.binding,
      id: message.id,
      inResponseTo: message.inResponseTo,
      issuer: message.issuer,
      destination: message.destination,
      verdict: message.verdict,
      answer: message.answer,
      assumptions: message.assumptions,
      findings: message.findings,
      origin: message.origin,
      receiver: message.receiver,
      receiverMessage: message.receiverMessage,
      verdictComplete: message.verdictComplete,
      judgedAt: message.judgedAt,
      relayState: message.relayState,
    })),
    exchanges: analysis.exchanges,
  };
}

const ANSI = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;

function human(analysis: Analysis, profile: SpProfile, color: boolean, now: Date): string {
  const paint = (style: keyof typeof ANSI, text: string) => (color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  if (profile.acsUrl === undefined) {
    lines.push(paint("yellow", "No --sentry-url/--org: a message sent to a Sentry ACS or SLS is judged by that organization; for the others Destination, Audience and Recipient were not compared."));
  }
  if (profile.idpEntityId === undefined) lines.push(paint("yellow", "No --idp-metadata/--idp-entity-id: Issuers were not compared."));
  const captureTimes = new Set(analysis.messages.map((message) => message.judgedAt).filter((time) => time !== now.toISOString()));
  if (captureTimes.size > 0) {
    const [only] = captureTimes;
    const when = captureTimes.size === 1 && only !== undefined ? ` (${only})` : "";
    lines.push(paint("dim", `Times are judged at each message's capture time${when}, as its receiver judged them; --now sets one clock for all.`));
  }
  if (lines.length > 0) lines.push("");
  for (const message of analysis.messages) lines.push(...describe(message, paint), "");
  if (analysis.exchanges.length > 0) {
    lines.push(paint("bold", "Exchanges"));
    for (const exchange of analysis.exchanges) {
      const parts = [exchange.request === null ? "—" : `#${exchange.request + 1}`, exchange.response === null ? "no answer captured" : `#${exchange.response + 1}`];
      const note = exchange.idpInitiated
        ? " (IdP-initiated)"
        : exchange.pairedBy !== "none"
          ? ` (paired by ${exchange.pairedBy})`
          : exchange.request === null
            ? " (its request was not captured)"
            : "";
      lines.push(`  ${exchange.kind}: ${parts.join(" → ")}${note}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}

function describe(message: AnalyzedMessage, paint: (style: keyof typeof ANSI, text: string) => string): string[] {
  const receiver = message.receiver === "sp" ? "Sentry" : "Keycloak";
  const lines = [`${paint("bold", `#${message.index + 1} ${message.kind ?? message.parameter}`)} ${paint("dim", `${message.binding}, ${message.origin}`)}`];
  if (message.answer !== null) {
    const outcome = message.answer.outcome === "accepted" ? paint("green", "ACCEPTED") : paint("red", "REFUSED");
    lines.push(`  ${receiver} ${outcome} it (its answer in the capture): ${message.answer.says}`);
  } else {
    const verdict = message.verdict === "accept" ? paint("green", "ACCEPT") : paint("red", "REJECT");
    const condition = message.assumptions.length === 0 ? "" : paint("yellow", ` if ${message.assumptions.map((assumption) => assumption.short).join(" and ")}`);
    lines.push(`  ${receiver} will ${verdict}${condition}`);
    for (const assumption of message.assumptions) lines.push(paint("yellow", `  assumed: ${assumption.text}`));
  }
  // Sentry's SLS shows nothing when it ignores a logout message: the text is python3-saml's, in its error list only.
  const logoutToSentry = message.receiver === "sp" && (message.kind === "LogoutRequest" || message.kind === "LogoutResponse");
  const speaker = logoutToSentry ? "python3-saml (not shown by Sentry)" : receiver;
  if (message.receiverMessage !== null) lines.push(`  ${speaker} says: ${JSON.stringify(message.receiverMessage)}`);
  for (const [label, value] of [["ID", message.id], ["InResponseTo", message.inResponseTo], ["Issuer", message.issuer], ["Destination", message.destination]] as const) {
    if (value !== null) lines.push(paint("dim", `  ${label}: ${value}`));
  }
  const fit = message.findings.filter((finding) => finding.kind !== "security");
  const security = message.findings.filter((finding) => finding.kind === "security");
  for (const finding of fit) lines.push(...describeFinding(finding, paint));
  if (security.length > 0) {
    lines.push(`  ${paint("bold", "Security")} ${paint("dim", "(does not change whether the message is accepted)")}`);
    for (const finding of security) lines.push(...describeFinding(finding, paint));
  }
  return lines;
}

function describeFinding(finding: Finding, paint: (style: keyof typeof ANSI, text: string) => string): string[] {
  const mark = finding.severity === "error" ? paint("red", "✗ error  ") : finding.severity === "warning" ? paint("yellow", "! warning") : paint("blue", "i info   ");
  const lines = [`  ${mark} ${paint("bold", finding.id)}: ${finding.message}`];
  if (finding.expected !== undefined) lines.push(`      expected: ${finding.expected}`);
  if (finding.actual !== undefined) lines.push(`      actual:   ${finding.actual}`);
  if (finding.severity !== "info") lines.push(`      fix:      ${finding.fix}`);
  return lines;
}
