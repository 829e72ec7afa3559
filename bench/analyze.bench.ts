/**
 * Full analysis of a Keycloak-sized signed Response (decode + parse + model + verify + diagnose, through the public
 * `analyzeInput`) against the least any tool must do with it: base64-decode it and parse it with fast-xml-parser.
 * Target (issue 4): ≤ 1.5×. Both run in the same process, interleaved, and the median of many batches is compared.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { analyzeInput } from "../src/core/analyze/analyze.js";
import { defaultVerifier } from "../src/core/analyze/signatures.js";
import type { SpProfile } from "../src/core/rules/rule.js";
import { decodeBase64 } from "../src/core/saml/base64.js";
import { decodeSamlValue } from "../src/core/saml/decode.js";
import { buildModel } from "../src/core/saml/model.js";
import { verifyMessageSignatures } from "../src/core/saml/signature/verify.js";
import { parseXml } from "../src/core/saml/xml.js";
import { checkWellFormed } from "../src/core/saml/well-formed.js";
import { certificatesFromPem } from "../src/core/saml/signature/trusted-certificates.js";

const FIXTURES = join(process.cwd(), "test/fixtures");
const NOW = new Date("2025-06-01T12:00:00Z");
const BATCHES = 15;
const PER_BATCH = 200;

const trust = certificatesFromPem(readFileSync(join(FIXTURES, "saml/keys/idp-cert.pem"), "utf8"));
if (!trust.ok) throw new Error(trust.error.message);
const profile: SpProfile = {
  spEntityId: "https://sentry.example.com/saml/metadata/acme/",
  acsUrl: "https://sentry.example.com/saml/acs/acme/",
  slsUrl: "https://sentry.example.com/saml/sls/acme/",
  idpEntityId: "https://keycloak.example.com/realms/demo",
  trustedCertificates: trust.certificates,
  identifierAttribute: "user_email",
  emailAttribute: "user_email",
};

/** The plain way to read XML with fast-xml-parser: attributes kept, nothing else configured. */
const parser = new XMLParser({ ignoreAttributes: false });
const decoder = new TextDecoder();

function baseline(value: string): unknown {
  const bytes = decodeBase64(value);
  if (!bytes.ok) throw new Error(bytes.message);
  return parser.parse(decoder.decode(bytes.bytes));
}

async function subject(value: string): Promise<unknown> {
  const result = await analyzeInput(value, { profile, now: NOW, verify: defaultVerifier });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function compare(name: string, file: string): Promise<{ name: string; bytes: number; base: number; full: number }> {
  const xml = readFileSync(join(FIXTURES, file), "utf8");
  const value = Buffer.from(xml).toString("base64");
  const check = await analyzeInput(value, { profile, now: NOW, verify: defaultVerifier });
  if (!check.ok || check.analysis.messages[0]?.verdict !== "accept") throw new Error(`${file} is not an accepted Response; the bench would measure an error path.`);
  for (let i = 0; i < 300; i++) {
    baseline(value);
    await subject(value);
  }
  const base: number[] = [];
  const full: number[] = [];
  for (let batch = 0; batch < BATCHES; batch++) {
    let started = performance.now();
    for (let i = 0; i < PER_BATCH; i++) baseline(value);
    base.push((performance.now() - started) / PER_BATCH);
    started = performance.now();
    for (let i = 0; i < PER_BATCH; i++) await subject(value);
    full.push((performance.now() - started) / PER_BATCH);
  }
  return { name, bytes: xml.length, base: median(base), full: median(full) };
}

/** Where the time of one analysis goes, each step timed on its own (context for the ratio, not a target). */
async function breakdown(file: string): Promise<[string, number][]> {
  const xml = readFileSync(join(FIXTURES, file), "utf8");
  const value = Buffer.from(xml).toString("base64");
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const root = parsed.root;
  const steps: [string, () => unknown][] = [
    ["baseline: base64 + fast-xml-parser", () => baseline(value)],
    ["decode (base64, inflate check, UTF-8)", () => decodeSamlValue(value, "HTTP-POST")],
    ["  of parseXml: well-formedness pass", () => checkWellFormed(xml)],
    ["parseXml (check + parse + tree)", () => parseXml(xml)],
    ["model", () => buildModel(root)],
    ["verify (c14n, digest, RSA via WebCrypto)", () => verifyMessageSignatures(root, { trusted: profile.trustedCertificates, now: NOW })],
    ["analyzeInput without verifier", () => analyzeInput(value, { profile, now: NOW, verify: undefined })],
    ["analyzeInput", () => subject(value)],
  ];
  const out: [string, number][] = [];
  for (const [name, step] of steps) {
    for (let i = 0; i < 200; i++) await step();
    const samples: number[] = [];
    for (let batch = 0; batch < 7; batch++) {
      const started = performance.now();
      for (let i = 0; i < PER_BATCH; i++) await step();
      samples.push((performance.now() - started) / PER_BATCH);
    }
    out.push([name, median(samples)]);
  }
  return out;
}

console.log("where the time goes (signed Response, document signed), each step alone:");
for (const [name, ms] of await breakdown("saml/responses/valid-signed-document.xml")) console.log(`  ${name.padEnd(42)} ${(ms * 1000).toFixed(0).padStart(5)} µs`);
console.log("");

const results = [
  await compare("signed Response (document signed)", "saml/responses/valid-signed-document.xml"),
  await compare("signed Response + Assertion", "saml/responses/valid-signed-both.xml"),
];
console.log("| message                              | size   | base64+parse | analyze  | ratio | target ≤ 1.5× |");
console.log("|--------------------------------------|--------|--------------|----------|-------|---------------|");
for (const result of results) {
  const ratio = result.full / result.base;
  console.log(
    `| ${result.name.padEnd(36)} | ${`${(result.bytes / 1024).toFixed(1)} KB`.padEnd(6)} | ${`${(result.base * 1000).toFixed(0)} µs`.padEnd(12)} | ${`${(result.full * 1000).toFixed(0)} µs`.padEnd(8)} | ${ratio.toFixed(2)}× | ${ratio <= 1.5 ? "met" : "NOT met"}${" ".repeat(ratio <= 1.5 ? 10 : 6)} |`,
  );
}
