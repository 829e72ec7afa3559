/**
 * The fuzz targets: one per public entry point of src/core (plus the security properties), each with its generator,
 * the property every case must keep, and a time bound. Shared by `npm run fuzz` (scripts/fuzz.mjs, in a worker with a
 * watchdog) and the seeded run in `npm test` (test/unit/fuzz/fuzz.test.ts).
 */
import fc from "fast-check";
import { deflateSync } from "fflate";
import * as z from "zod/mini";
import { analyzeCaptured, analyzeInput } from "../../src/core/analyze/analyze.js";
import { analysisSchema, type Analysis } from "../../src/core/analyze/result.js";
import { defaultVerifier } from "../../src/core/analyze/signatures.js";
import { checkClientExport } from "../../src/core/client-check/check-client.js";
import { findingSchema as clientFindingSchema } from "../../src/core/client-check/finding.js";
import { buildClientFix } from "../../src/core/client-check/fix.js";
import { newClientForPreset } from "../../src/core/client-check/new-client.js";
import { analyzeFile } from "../../src/core/analyze/analyze-file.js";
import { exportHarText } from "../../src/core/har/export.js";
import { importHar } from "../../src/core/har/import.js";
import { importHarBytes } from "../../src/core/har/stream-import.js";
import type { CapturedMessage } from "../../src/core/input/captured.js";
import { readInput } from "../../src/core/input/detect.js";
import { isSamlMessageRoot, xmlRootName } from "../../src/core/input/what-it-is.js";
import { presetFromSpMetadata } from "../../src/core/presets/from-sp-metadata.js";
import { presetSchema, type PresetResult } from "../../src/core/presets/schema.js";
import { sentrySaasPreset } from "../../src/core/presets/sentry-saas.js";
import { sentrySelfHostedPreset } from "../../src/core/presets/sentry-self-hosted.js";
import { sentrySideValues } from "../../src/core/presets/sentry-side.js";
import { decodeSamlValue } from "../../src/core/saml/decode.js";
import { MAX_MESSAGE_BYTES } from "../../src/core/saml/inflate.js";
import { certificatesFromMetadata, certificatesFromPem, describeCertificate } from "../../src/core/saml/signature/trusted-certificates.js";
import type { TrustedCertificate } from "../../src/core/saml/signature/types.js";
import { verifyMessageSignatures } from "../../src/core/saml/signature/verify.js";
import { verifyQuerySignature } from "../../src/core/saml/signature/query-signature.js";
import { readCertificate } from "../../src/core/crypto/x509.js";
import { parseXml } from "../../src/core/saml/xml.js";
import type { Corpus, SignedFamily } from "./corpus.js";
import { ENTITY_MARKER, HUGE_PLACES, PASSWD_MARKER, deeplyNested, doctypeArbitrary, hugeValue, type HugePlace, type NestingPlace } from "./hostile-xml.js";
import { anyInput, harText, parameterValue, randomText, toBase64, xmlText } from "./inputs.js";
import { mutatedBytes, mutatedJson, mutatedSignature, mutatedText } from "./mutate.js";
import { FORGED_IDENTITY, wrap, wrappingVariantArbitrary } from "./wrapping.js";

/** A broken property: the case's input is the reproducer. */
export class PropertyFailure extends Error {
  override readonly name = "PropertyFailure";
}

/** An exception that escaped a public entry point that promises never to throw. */
export class UncaughtFailure extends Error {
  override readonly name = "UncaughtFailure";
}

export interface TargetCase {
  /** The input as text, written to a file when the case fails. */
  readonly reproducer: string;
  readonly run: () => Promise<void>;
}

export interface Target {
  readonly name: string;
  /** Relative share of the cases of a run. */
  readonly weight: number;
  /** A case taking longer counts as a hang. */
  readonly timeoutMs: number;
  /** `count` cases drawn from `seed`; the same seed and count give the same cases. */
  readonly cases: (corpus: Corpus, seed: number, count: number) => TargetCase[];
}

interface TargetSpec<T> {
  readonly name: string;
  readonly weight: number;
  readonly timeoutMs?: number;
  readonly arbitrary: (corpus: Corpus) => fc.Arbitrary<T>;
  readonly run: (value: T, corpus: Corpus) => Promise<void> | void;
  readonly show: (value: T) => string;
}

function defineTarget<T>(spec: TargetSpec<T>): Target {
  const arbitraries = new WeakMap<Corpus, fc.Arbitrary<T>>();
  return {
    name: spec.name,
    weight: spec.weight,
    // A hang detector, not a benchmark: the heaviest ordinary case (a DEFLATE bomb inflated to the 16 MB cap) takes
    // about 0.3 s alone and up to 3 s when the shared 2-core machine is busy.
    timeoutMs: spec.timeoutMs ?? 5000,
    cases: (corpus, seed, count) => {
      let arbitrary = arbitraries.get(corpus);
      if (arbitrary === undefined) {
        arbitrary = spec.arbitrary(corpus);
        arbitraries.set(corpus, arbitrary);
      }
      return fc.sample(arbitrary, { seed, numRuns: count }).map((value) => ({
        reproducer: spec.show(value),
        run: async () => spec.run(value, corpus),
      }));
    },
  };
}

// ---- Checks shared by the targets --------------------------------------------------------------------------------

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new PropertyFailure(message);
}

async function call<R>(what: string, action: () => R | Promise<R>): Promise<R> {
  try {
    return await action();
  } catch (error) {
    const failure = new UncaughtFailure(`${what} threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    if (error instanceof Error && error.stack !== undefined) failure.stack = `${failure.name}: ${failure.message}\n${error.stack}`;
    throw failure;
  }
}

/** A rejected input must say why: a code and a sentence. */
function clearError(what: string, code: unknown, message: unknown): void {
  check(typeof code === "string" && /^[a-z][\w-]*(\.[\w-]+)*$/.test(code), `${what}: error without a usable code (${JSON.stringify(code)})`);
  check(typeof message === "string" && message.trim().length >= 10, `${what}: error ${code} without a clear message (${JSON.stringify(message)})`);
  check(!message.includes("[object Object]"), `${what}: error message shows an object: ${message}`);
}

/** Signs that an internal error was caught and dressed up as a result instead of being a diagnosis. */
const HIDDEN_CRASH = [/^This check could not run:/, /^The signature could not be checked:/, /^The analysis failed unexpectedly:/];

function checkAnalysis(what: string, analysis: Analysis): void {
  const parsed = z.safeParse(analysisSchema, analysis);
  check(parsed.success, `${what}: the analysis does not match its schema: ${parsed.success ? "" : parsed.error.message.slice(0, 400)}`);
  for (const message of analysis.messages) {
    for (const finding of message.findings) {
      check(finding.message.trim() !== "", `${what}: finding ${finding.id} has no message`);
      const crash = HIDDEN_CRASH.find((pattern) => pattern.test(finding.message));
      check(crash === undefined, `${what}: a rule crashed (${finding.id}): ${finding.message}`);
    }
    if (message.kind === null) {
      const error = message.findings.find((finding) => finding.severity === "error");
      check(message.verdict === "reject" && error !== undefined, `${what}: ${message.origin} is not a SAML message but has no error finding that says why`);
    }
  }
}

async function analyze(text: string, family: SignedFamily): Promise<Analysis> {
  const result = await call("analyzeInput", () => analyzeInput(text, { profile: family.profile, now: family.now, verify: defaultVerifier }));
  if (!result.ok) {
    check(result.error.code !== "internal", `analyzeInput: internal error: ${result.error.message}`);
    clearError("analyzeInput", result.error.code, result.error.message);
    throw new PropertyFailure(`analyzeInput rejected input that was expected to be analysed: ${result.error.code}`);
  }
  checkAnalysis("analyzeInput", result.analysis);
  return result.analysis;
}

function checkPresetResult(what: string, result: PresetResult): void {
  if (result.ok) {
    const parsed = z.safeParse(presetSchema, result.preset);
    check(parsed.success, `${what}: the preset does not match its schema`);
    for (const warning of result.warnings) clearError(`${what} warning`, warning.code, warning.message);
  } else clearError(what, result.error.code, result.error.message);
}

const family = (corpus: Corpus, index: number): SignedFamily => {
  const chosen = corpus.families[index % corpus.families.length];
  if (chosen === undefined) throw new Error("the corpus has no signed fixtures");
  return chosen;
};

const familyIndex = fc.nat({ max: 1 });

// ---- Targets -----------------------------------------------------------------------------------------------------

const parseXmlTarget = defineTarget({
  name: "parseXml",
  weight: 14,
  arbitrary: (corpus) => fc.oneof({ weight: 5, arbitrary: xmlText(corpus) }, { weight: 1, arbitrary: randomText }),
  show: (xml: string) => xml,
  run: async (xml) => {
    const result = await call("parseXml", () => parseXml(xml));
    if (result.ok) check(result.root.kind === "element" && result.root.name !== "", "parseXml: a root without a name");
    else {
      check(["xml.malformed", "xml.doctype", "xml.empty", "xml.too-deep"].includes(result.error.code), `parseXml: unknown code ${result.error.code}`);
      clearError("parseXml", result.error.code, result.error.message);
    }
  },
});

const decodeTarget = defineTarget({
  name: "decodeSamlValue",
  weight: 14,
  arbitrary: (corpus) => fc.tuple(parameterValue(corpus), fc.constantFrom("HTTP-POST" as const, "HTTP-Redirect" as const)),
  show: ([value, binding]) => `${binding}\n${value}`,
  run: async ([value, binding]) => {
    const result = await call("decodeSamlValue", () => decodeSamlValue(value, binding));
    if (result.ok) {
      check(typeof result.value.xml === "string", "decodeSamlValue: no text");
      check(result.value.byteLength <= MAX_MESSAGE_BYTES, `decodeSamlValue: decoded ${result.value.byteLength} bytes, over the cap`);
    } else clearError("decodeSamlValue", result.error.code, result.error.message);
  },
});

const readInputTarget = defineTarget({
  name: "readInput",
  weight: 12,
  arbitrary: anyInput,
  show: (text: string) => text,
  run: async (text) => {
    const result = await call("readInput", () => readInput(text));
    if (result.ok) {
      check(result.messages.length > 0, `readInput: recognised ${result.kind} but found no message and no error`);
      for (const message of result.messages) check(typeof message.value === "string" && message.origin !== "", "readInput: a message without value or origin");
    } else clearError("readInput", result.code, result.message);
  },
});

const analyzeInputTarget = defineTarget({
  name: "analyzeInput",
  weight: 16,
  arbitrary: (corpus) => fc.tuple(anyInput(corpus), familyIndex),
  show: ([text]) => text,
  run: async ([text, index], corpus) => {
    const chosen = family(corpus, index);
    const result = await call("analyzeInput", () => analyzeInput(text, { profile: chosen.profile, now: chosen.now, verify: defaultVerifier }));
    if (result.ok) checkAnalysis("analyzeInput", result.analysis);
    else {
      check(result.error.code !== "internal", `analyzeInput: internal error: ${result.error.message}`);
      clearError("analyzeInput", result.error.code, result.error.message);
    }
  },
});

const capturedMessage = (corpus: Corpus): fc.Arbitrary<CapturedMessage> =>
  fc.record({
    parameter: fc.constantFrom("SAMLRequest" as const, "SAMLResponse" as const),
    binding: fc.constantFrom("HTTP-POST" as const, "HTTP-Redirect" as const),
    bindingInferred: fc.boolean(),
    encoding: fc.constantFrom("base64" as const, "xml" as const),
    value: fc.oneof(parameterValue(corpus), xmlText(corpus)),
    relayState: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    sigAlg: fc.option(fc.constantFrom("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "x"), { nil: undefined }),
    signature: fc.option(fc.base64String({ maxLength: 40 }), { nil: undefined }),
    url: fc.option(fc.constantFrom("https://sentry.example.com/saml/acs/acme/", "https://keycloak.example.com/realms/demo/protocol/saml", "not a url"), { nil: undefined }),
    startedAt: fc.option(fc.constantFrom("2025-06-01T11:59:50.000Z", "yesterday"), { nil: undefined }),
    origin: fc.constantFrom("HAR entry 1", "input"),
    answer: fc.option(
      fc.record({ status: fc.integer({ min: 0, max: 599 }), mimeType: fc.option(fc.constantFrom("text/html", "application/json"), { nil: undefined }), text: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }) }),
      { nil: undefined },
    ),
  });

const analyzeCapturedTarget = defineTarget({
  name: "analyzeCaptured",
  weight: 6,
  arbitrary: (corpus) => fc.tuple(fc.array(capturedMessage(corpus), { maxLength: 4 }), familyIndex),
  show: ([messages]) => JSON.stringify(messages, null, 2),
  run: async ([messages, index], corpus) => {
    const chosen = family(corpus, index);
    const analysis = await call("analyzeCaptured", () => analyzeCaptured(messages, { profile: chosen.profile, now: chosen.now, verify: defaultVerifier }));
    check(analysis.messages.length === messages.length, "analyzeCaptured: a message went missing");
    checkAnalysis("analyzeCaptured", analysis);
  },
});

const verifyTarget = defineTarget({
  name: "verifyMessageSignatures",
  weight: 10,
  arbitrary: (corpus) =>
    fc.tuple(
      fc.oneof(
        { weight: 3, arbitrary: mutatedSignature(corpus.families.flatMap((f) => [...f.messages.values()])) },
        { weight: 1, arbitrary: mutatedText(corpus.families.flatMap((f) => [...f.messages.values()]), 2) },
      ),
      familyIndex,
      fc.constantFrom("trusted", "other", "both", "none"),
    ),
  show: ([xml]) => xml,
  run: async ([xml, index, trust], corpus) => {
    const parsed = parseXml(xml);
    if (!parsed.ok) return;
    const chosen = family(corpus, index);
    const trusted: TrustedCertificate[] =
      trust === "none" ? [] : trust === "other" ? [chosen.otherCertificate] : trust === "both" ? [chosen.otherCertificate, ...chosen.profile.trustedCertificates] : [...chosen.profile.trustedCertificates];
    const report = await call("verifyMessageSignatures", () => verifyMessageSignatures(parsed.root, { trusted, now: chosen.now }));
    for (const signature of report.signatures) {
      for (const problem of signature.problems) {
        check(typeof problem === "string" && problem !== "", "verifyMessageSignatures: an empty problem");
        check(!HIDDEN_CRASH.some((pattern) => pattern.test(problem)), `verifyMessageSignatures: ${problem}`);
      }
    }
  },
});

const SIG_ALGS = [
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
  "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
];

const querySignatureTarget = defineTarget({
  name: "verifyQuerySignature",
  weight: 4,
  arbitrary: () =>
    fc.record({
      parameter: fc.constantFrom("SAMLRequest" as const, "SAMLResponse" as const),
      value: fc.oneof(randomText, fc.uint8Array({ maxLength: 600 }).map(toBase64)),
      relayState: fc.option(randomText, { nil: undefined }),
      sigAlg: fc.option(fc.oneof(fc.constantFrom(...SIG_ALGS), randomText), { nil: undefined }),
      signature: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 300 }).map(toBase64), randomText),
      rawQuery: fc.option(randomText, { nil: undefined }),
      trust: fc.constantFrom("trusted", "none", "both"),
      index: familyIndex,
    }),
  show: (query) => JSON.stringify(query),
  run: async ({ trust, index, ...query }, corpus) => {
    const chosen = family(corpus, index);
    const supplied = trust === "none" ? [] : trust === "both" ? [chosen.otherCertificate, ...chosen.profile.trustedCertificates] : [...chosen.profile.trustedCertificates];
    const trusted = supplied.flatMap((certificate) => {
      const read = readCertificate(certificate.der);
      return read.ok ? [read.certificate] : [];
    });
    const report = await call("verifyQuerySignature", () => verifyQuerySignature(query, trusted));
    // Random bytes are no signature of anything: a "valid" here would be a forgery.
    check(report.valid !== true && report.validAsSent !== true, "verifyQuerySignature: a random signature verified");
    for (const problem of report.problems) {
      check(typeof problem === "string" && problem !== "", "verifyQuerySignature: an empty problem");
      check(!HIDDEN_CRASH.some((pattern) => pattern.test(problem)), `verifyQuerySignature: ${problem}`);
    }
  },
});

const certificatesTarget = defineTarget({
  name: "trustedCertificates",
  weight: 6,
  arbitrary: (corpus) =>
    fc.oneof(
      fc.tuple(fc.constant("pem" as const), fc.oneof(mutatedText(corpus.pemCertificates, 3), randomText, fc.constantFrom(...corpus.pemCertificates))),
      fc.tuple(fc.constant("metadata" as const), fc.oneof(mutatedText(corpus.idpMetadata, 3), randomText)),
      fc.tuple(
        fc.constant("der" as const),
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.constantFrom(...corpus.pemCertificates).chain((pem) => mutatedBytes(new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64")), 2)),
        ).map((bytes) => toBase64(bytes)),
      ),
    ),
  show: ([kind, text]) => `${kind}\n${text}`,
  run: async ([kind, text]) => {
    if (kind === "der") {
      const result = await call("describeCertificate", () => describeCertificate(new Uint8Array(Buffer.from(text, "base64"))));
      if (!result.ok) clearError("describeCertificate", result.error.code, result.error.message);
      return;
    }
    const result = kind === "pem" ? await call("certificatesFromPem", () => certificatesFromPem(text)) : await call("certificatesFromMetadata", () => certificatesFromMetadata(text));
    if (result.ok) check(result.certificates.length > 0, `${kind}: accepted without a certificate`);
    else clearError(kind, result.error.code, result.error.message);
  },
});

const presetForClients = (() => {
  const built = sentrySelfHostedPreset({ urlPrefix: "https://sentry.example.com", orgSlug: "acme" });
  if (!built.ok) throw new Error(built.error.message);
  return built.preset;
})();

const checkClientTarget = defineTarget({
  name: "checkClientExport",
  weight: 10,
  arbitrary: (corpus) =>
    fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: mutatedJson(corpus.keycloakExports, 4).map((doc) => JSON.stringify(doc)) },
        { weight: 1, arbitrary: mutatedText(corpus.keycloakExports, 2) },
        { weight: 1, arbitrary: fc.oneof(fc.json({ maxDepth: 3 }), randomText) },
      ),
      fc.option(fc.constantFrom("https://sentry.example.com/saml/metadata/acme/", "sentry", ""), { nil: undefined }),
    ),
  show: ([text]) => text,
  run: async ([text, clientId]) => {
    const result = await call("checkClientExport", () => checkClientExport(text, presetForClients, clientId === undefined ? {} : { clientId }));
    if (!result.ok) {
      clearError("checkClientExport", result.error.code, result.error.message);
      return;
    }
    for (const finding of result.result.findings) {
      const parsed = z.safeParse(clientFindingSchema, finding);
      check(parsed.success, `checkClientExport: finding ${finding.id} does not match its schema`);
      check(finding.message.trim() !== "", `checkClientExport: finding ${finding.id} has no message`);
    }
    const fix = await call("buildClientFix", () => buildClientFix(result.result));
    if (fix.ok) check(JSON.stringify(fix.fix.client).length > 0, "buildClientFix: no client");
    else check(fix.message.trim().length >= 10, "buildClientFix: error without a clear message");
  },
});

const urlish = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom("https://sentry.example.com", "sentry.example.com", "https://sentry.example.com/organizations/acme/issues/", "https://sentry.example.com/saml/acs/acme/", "ftp://x", "https://[::1]:99999/", "https://keycloak.example.com/auth/admin/master/console/#/demo/clients", "https://k/realms/%E0%A4%A/x", "http://127.0.0.1:8080/realms/demo"),
  fc.string({ maxLength: 40 }),
);
const slugish = fc.oneof(fc.constantFrom("acme", "Acme", "/acme/", "my org", "123", "", "a_b-c"), fc.string({ maxLength: 20 }));

const presetsTarget = defineTarget({
  name: "presets",
  weight: 6,
  arbitrary: (corpus) =>
    fc.oneof(
      fc.record({ kind: fc.constantFrom("self-hosted" as const, "saas" as const, "sentry-side" as const), url: urlish, name: slugish, identifier: fc.option(slugish, { nil: undefined }), email: fc.option(slugish, { nil: undefined }) }),
      fc.record({ kind: fc.constant("sp-metadata" as const), url: fc.oneof(mutatedText(corpus.spMetadata, 3), fc.constantFrom(...corpus.spMetadata, ...corpus.idpMetadata), randomText), name: slugish, identifier: fc.option(slugish, { nil: undefined }), email: fc.option(slugish, { nil: undefined }) }),
    ),
  show: (value) => JSON.stringify(value, null, 2),
  run: async ({ kind, url, name, identifier, email }) => {
    const attributeNames = { ...(identifier === undefined ? {} : { identifier }), ...(email === undefined ? {} : { userEmail: email }) };
    switch (kind) {
      case "self-hosted":
        return checkPresetResult(kind, await call("sentrySelfHostedPreset", () => sentrySelfHostedPreset({ urlPrefix: url, orgSlug: name, attributeNames })));
      case "saas":
        return checkPresetResult(kind, await call("sentrySaasPreset", () => sentrySaasPreset({ urlPrefix: url, orgSlug: name, attributeNames })));
      case "sp-metadata": {
        const result = await call("presetFromSpMetadata", () => presetFromSpMetadata(url, { attributeNames }));
        checkPresetResult(kind, result);
        if (result.ok) check(Object.keys(await call("newClientForPreset", () => newClientForPreset(result.preset))).length > 0, "newClientForPreset: empty client");
        return;
      }
      case "sentry-side": {
        const result = await call("sentrySideValues", () => sentrySideValues({ keycloakUrl: url, realm: name, attributeNames }));
        if (result.ok) check(result.value.metadataUrl.startsWith("http"), "sentrySideValues: metadata URL is not http(s)");
        else clearError(kind, result.error.code, result.error.message);
        return;
      }
    }
  },
});

const harTarget = defineTarget({
  name: "importHar",
  weight: 6,
  arbitrary: (corpus) => fc.oneof({ weight: 4, arbitrary: mutatedJson([corpus.har], 4) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) }),
  show: (value) => JSON.stringify(value, null, 2),
  run: async (value) => {
    const result = await call("importHar", () => importHar(value));
    if (result.ok) check(result.entryCount >= 0 && Array.isArray(result.messages), "importHar: no messages array");
    else clearError("importHar", result.code, result.message);
  },
});

/** An export must be a file the importer reads back: valid JSON, whatever the entries held. */
function checkExport(what: string, text: string): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PropertyFailure(`${what}: the exported HAR is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const back = importHar(json);
  check(back.ok, `${what}: the exported HAR does not import again: ${back.ok ? "" : back.message}`);
}

const harStreamTarget = defineTarget({
  name: "importHarBytes+export",
  weight: 5,
  arbitrary: (corpus) =>
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: harText(corpus) }, { weight: 1, arbitrary: anyInput(corpus) }).map((text) => new TextEncoder().encode(text)),
      fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(1 << 16)),
      fc.boolean(),
    ),
  show: ([bytes, slice, redact]) => `slice ${slice} redact ${redact}\n${new TextDecoder().decode(bytes)}`,
  run: async ([bytes, slice, redact]) => {
    const result = await call("importHarBytes", () => importHarBytes(bytes, slice));
    if (!result.ok) {
      clearError("importHarBytes", result.code, result.message);
      return;
    }
    const text = await call("exportHarText", () => exportHarText(result.entries.map((kept) => kept.entry), { redact }));
    checkExport("exportHarText", text);
  },
});

const analyzeFileTarget = defineTarget({
  name: "analyzeFile",
  weight: 5,
  arbitrary: (corpus) =>
    fc.tuple(
      fc.oneof({ weight: 5, arbitrary: anyInput(corpus).map((text) => new TextEncoder().encode(text)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 500 }) }),
      familyIndex,
    ),
  show: ([bytes]) => new TextDecoder().decode(bytes),
  run: async ([bytes, index], corpus) => {
    const chosen = family(corpus, index);
    const result = await call("analyzeFile", () => analyzeFile(bytes, { profile: chosen.profile, now: chosen.now, verify: defaultVerifier }));
    if (!result.ok) {
      check(result.error.code !== "internal", `analyzeFile: internal error: ${result.error.message}`);
      clearError("analyzeFile", result.error.code, result.error.message);
      return;
    }
    checkAnalysis("analyzeFile", result.analysis);
    checkExport("exportHarText after analyzeFile", await call("exportHarText", () => exportHarText(result.entries)));
  },
});

/** The carriers a hostile message travels in: every decoding path ends at the same parser. */
type Carrier = "xml" | "base64" | "deflate-url" | "form" | "har";

function carry(xml: string, carrier: Carrier): string {
  const deflated = (): string => toBase64(deflateSync(new TextEncoder().encode(xml)));
  switch (carrier) {
    case "xml":
      return xml;
    case "base64":
      return toBase64(xml);
    case "deflate-url":
      return `https://keycloak.example.com/realms/demo/protocol/saml?SAMLRequest=${encodeURIComponent(deflated())}`;
    case "form":
      return `SAMLResponse=${encodeURIComponent(toBase64(xml))}&RelayState=x`;
    case "har":
      return JSON.stringify({
        log: {
          version: "1.2",
          creator: { name: "fuzz", version: "1" },
          entries: [{ startedDateTime: "2025-06-01T11:59:50.000Z", request: { method: "POST", url: "https://sentry.example.com/saml/acs/acme/", postData: { mimeType: "application/x-www-form-urlencoded", text: `SAMLResponse=${encodeURIComponent(toBase64(xml))}` } }, response: { status: 200 } }],
        },
      });
  }
}

const carrierArbitrary = fc.constantFrom<Carrier>("xml", "base64", "deflate-url", "form", "har");

const doctypeTarget = defineTarget({
  name: "doctype",
  weight: 5,
  arbitrary: (corpus) => fc.tuple(doctypeArbitrary(corpus.xml), carrierArbitrary, familyIndex),
  show: ([variant, carrier]) => `${variant.kind} ${variant.placement} ${carrier}\n${variant.xml}`,
  run: async ([variant, carrier, index], corpus) => {
    const parsed = parseXml(variant.xml);
    check(!parsed.ok && parsed.error.code === "xml.doctype", `parseXml: a ${variant.kind} DOCTYPE was not refused as xml.doctype`);
    if ((carrier === "xml" || carrier === "base64") && !isSamlMessageRoot(xmlRootName(variant.xml))) {
      // Bare XML that is no SAML message (metadata) is refused as such, before any parsing.
      const { profile, now } = family(corpus, index);
      const refused = await call("analyzeInput", () => analyzeInput(carry(variant.xml, carrier), { profile, now, verify: defaultVerifier }));
      check(!refused.ok && refused.error.code === "input.no-saml", "doctype: bare XML that is no SAML message was not refused as such");
      return;
    }
    const analysis = await analyze(carry(variant.xml, carrier), family(corpus, index));
    check(analysis.messages.length > 0, "doctype: no message analysed");
    for (const message of analysis.messages) {
      check(message.findings.some((finding) => finding.id === "xml.doctype"), `doctype: ${message.origin} has no xml.doctype finding`);
      check(message.verdict === "reject", "doctype: a message with a DOCTYPE is accepted");
      const output = JSON.stringify({ findings: message.findings, model: message.model });
      check(!output.includes(ENTITY_MARKER) && !output.includes(PASSWD_MARKER), "doctype: an entity was expanded into the result");
    }
  },
});

const wrappingTarget = defineTarget({
  name: "wrapping",
  weight: 5,
  arbitrary: (corpus) =>
    fc.tuple(
      familyIndex.chain((index) => fc.tuple(fc.constant(index), fc.constantFrom(...family(corpus, index).messages.keys()))),
      wrappingVariantArbitrary,
    ),
  show: ([[index, name], variant]) => `family ${index} fixture ${name}\n${JSON.stringify(variant)}`,
  run: async ([[index, name], variant], corpus) => {
    const chosen = family(corpus, index);
    const xml = chosen.messages.get(name);
    if (xml === undefined) throw new Error(`no fixture ${name}`);
    const wrapped = wrap(xml, variant);
    if (wrapped === undefined) return;
    const analysis = await analyze(wrapped, chosen);
    const message = analysis.messages[0];
    check(message !== undefined, "wrapping: nothing analysed");
    const read = message.model?.kind === "Response" ? message.model.assertions[0] : undefined;
    const readsForged = read === undefined || JSON.stringify(read).includes(FORGED_IDENTITY);
    check(!(message.verdict === "accept" && readsForged), `wrapping: ${JSON.stringify(variant)} on ${name} is accepted although the SP would read the forged assertion`);
  },
});

/** 10 MB values and million-deep nesting: bounded time, a result, no crash. */
const largeTarget = defineTarget({
  name: "large",
  weight: 0.03,
  // 10 MB of two million tiny elements takes about 20 s on a loaded 2-core machine (parse, canonicalize, rules).
  timeoutMs: 40_000,
  arbitrary: (corpus) =>
    fc.oneof(
      fc.record({ kind: fc.constant("huge" as const), place: fc.constantFrom<HugePlace>(...HUGE_PLACES), carrier: fc.constantFrom<Carrier>("xml", "base64"), family: familyIndex }),
      fc.record({ kind: fc.constant("deep" as const), place: fc.constantFrom<NestingPlace>("attribute-value", "root-chain", "unclosed", "namespaced"), carrier: fc.constantFrom<Carrier>("xml", "base64"), family: familyIndex }),
    ).map((value) => ({ ...value, fixture: [...family(corpus, value.family).messages.keys()][0] ?? "" })),
  show: (value) => JSON.stringify(value),
  run: async (value, corpus) => {
    const chosen = family(corpus, value.family);
    const source = chosen.messages.get(value.fixture) ?? "";
    const xml = value.kind === "huge" ? hugeValue(source, value.place as HugePlace, 10) : deeplyNested(source, value.place === "namespaced" ? 100_000 : 1_000_000, value.place as NestingPlace);
    const result = await call("analyzeInput", () => analyzeInput(carry(xml, value.carrier), { profile: chosen.profile, now: chosen.now, verify: defaultVerifier }));
    if (result.ok) checkAnalysis("analyzeInput", result.analysis);
    else clearError("analyzeInput", result.error.code, result.error.message);
  },
});

export const TARGETS: readonly Target[] = [
  parseXmlTarget,
  decodeTarget,
  readInputTarget,
  analyzeInputTarget,
  analyzeCapturedTarget,
  verifyTarget,
  querySignatureTarget,
  certificatesTarget,
  checkClientTarget,
  presetsTarget,
  harTarget,
  harStreamTarget,
  analyzeFileTarget,
  doctypeTarget,
  wrappingTarget,
  largeTarget,
];
