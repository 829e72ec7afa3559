/**
 * The analyze bench as it runs inside a browser page (the panel's and recorder's runtime): the same baseline and the
 * same public `analyzeInput`, interleaved in short rounds (bench/interleave.ts). Loaded by bench/analyze-browser.bench.ts.
 */
import { analyzeInput } from "../../src/core/analyze/analyze.js";
import { defaultVerifier } from "../../src/core/analyze/signatures.js";
import { certificatesFromPem } from "../../src/core/saml/signature/trusted-certificates.js";
import { baselineStep, benchProfile, floorStep, NOW, withInstantVerify } from "../analyze-steps.js";
import { measureInterleaved, median, medianRatio } from "../interleave.js";

export interface PageMeasure {
  readonly base: number;
  readonly full: number;
  /** Median over rounds of analyze / baseline, each pair from the same round. */
  readonly ratio: number;
  readonly withoutVerifier: number;
  readonly withoutVerifierRatio: number;
  /** decode + parseXml + one awaited WebCrypto check of the message's own SignedInfo: what no analysis can skip. */
  readonly floorRatio: number;
  /** One `crypto.subtle.verify` of an RSA-SHA256 signature with an imported key: the floor that verification adds. */
  readonly webCryptoVerify: number;
  /** The analysis with `crypto.subtle.verify` answering at once: its own work, without WebCrypto's hand-off. */
  readonly instantVerifyRatio: number;
}

async function measure(pem: string, xml: string, rounds: number, callsPerRound: number): Promise<PageMeasure> {
  const trust = certificatesFromPem(pem);
  if (!trust.ok) throw new Error(trust.error.message);
  const trusted = trust.certificates[0];
  if (trusted === undefined) throw new Error("The PEM holds no certificate.");
  const profile = benchProfile(trust.certificates);
  const now = NOW;
  const value = btoa(Array.from(new TextEncoder().encode(xml), (byte) => String.fromCharCode(byte)).join(""));
  const check = await analyzeInput(value, { profile, now, verify: defaultVerifier });
  if (!check.ok || check.analysis.messages[0]?.verdict !== "accept") throw new Error("The fixture is not an accepted Response here; the bench would measure an error path.");
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const keys = await crypto.subtle.generateKey({ ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, false, ["sign", "verify"]);
  const data = new TextEncoder().encode(xml.slice(0, 1000));
  const signature = await crypto.subtle.sign(algorithm, keys.privateKey, data);
  const steps = {
    base: baselineStep(value),
    full: () => analyzeInput(value, { profile, now, verify: defaultVerifier }),
    withoutVerifier: () => analyzeInput(value, { profile, now, verify: undefined }),
    floor: await floorStep(value, trusted),
    webCryptoVerify: () => crypto.subtle.verify(algorithm, keys.publicKey, signature, data),
    instantVerify: withInstantVerify(() => analyzeInput(value, { profile, now, verify: defaultVerifier })),
  };
  const { times } = await measureInterleaved(steps, { rounds, callsPerRound, warmupCalls: 300 });
  return {
    base: median(times.base),
    full: median(times.full),
    ratio: medianRatio(times.full, times.base),
    withoutVerifier: median(times.withoutVerifier),
    withoutVerifierRatio: medianRatio(times.withoutVerifier, times.base),
    floorRatio: medianRatio(times.floor, times.base),
    webCryptoVerify: median(times.webCryptoVerify),
    instantVerifyRatio: medianRatio(times.instantVerify, times.base),
  };
}

Object.assign(globalThis, { samlLensAnalyzeBench: measure });
