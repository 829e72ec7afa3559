/**
 * Messages between the panel and its analysis worker, checked with zod on arrival on both sides. The page sends the
 * captured messages (never whole HAR entries) and the SP profile; the worker answers with facts and analyses in
 * batches, each tagged with the generation it was made for (a Clear or a new profile makes older batches stale).
 */
import * as z from "zod/mini";
import { analyzedMessageSchema } from "../../../core/analyze/result.js";
import type { CapturedMessage } from "../../../core/input/captured.js";
import type { SignatureReport } from "../../../core/saml/signature/types.js";
import type { MessageAnalysis } from "./analyze-message.js";
import type { AnalystBatch, AnalystRow } from "./analyst.js";
import type { RowSummary } from "./row-summary.js";
import type { IdpTrust, ResolvedProfile } from "./profile.js";

const optionalString = z.optional(z.string());
const count = z.number().check(z.int(), z.nonnegative());

export const capturedMessageSchema = z.object({
  parameter: z.enum(["SAMLRequest", "SAMLResponse"]),
  binding: z.enum(["HTTP-POST", "HTTP-Redirect"]),
  bindingInferred: z.boolean(),
  value: z.string(),
  encoding: z.enum(["base64", "xml"]),
  relayState: optionalString,
  sigAlg: optionalString,
  signature: optionalString,
  url: optionalString,
  startedAt: optionalString,
  origin: z.string(),
  answer: z.optional(z.object({ status: z.number(), mimeType: optionalString, text: optionalString, location: optionalString })),
});

const trustSchema = z.object({
  entityId: z.string(),
  text: z.string(),
  certificates: z.array(z.object({ der: z.instanceof(Uint8Array), source: z.string() })),
  fromMetadata: z.boolean(),
  url: optionalString,
});

const resolvedProfileSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    sp: z.object({
      spEntityId: optionalString,
      acsUrl: optionalString,
      slsUrl: optionalString,
      identifierAttribute: z.string(),
      emailAttribute: z.string(),
      attributeMappingAssumed: z.optional(z.boolean()),
    }),
    warnings: z.array(z.string()),
    clockToleranceSeconds: z.optional(z.number()),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

export const toAnalysisWorkerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("add"), generation: count, rows: z.array(z.object({ captured: capturedMessageSchema, clock: z.date() })) }),
  z.object({ type: z.literal("configure"), generation: count, profile: resolvedProfileSchema, trust: z.array(trustSchema) }),
  z.object({ type: z.literal("clear"), generation: count }),
  z.object({ type: z.literal("detail"), generation: count, index: count }),
]);

const certificateInfoSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256Fingerprint: z.string(),
  publicKeyAlgorithm: z.enum(["RSA", "EC", "unknown"]),
});

const optionalBoolean = z.optional(z.boolean());

const signatureCheckSchema = z.object({
  signedElement: z.enum(["Response", "Assertion", "AuthnRequest", "LogoutRequest", "LogoutResponse", "EntityDescriptor", "other"]),
  signedElementId: optionalString,
  referenceUri: optionalString,
  signatureAlgorithm: optionalString,
  digestAlgorithm: optionalString,
  canonicalizationAlgorithm: optionalString,
  digestValid: optionalBoolean,
  signatureValid: optionalBoolean,
  embeddedCertificate: z.optional(certificateInfoSchema),
  matchesTrustedCertificate: optionalBoolean,
  certificateExpired: optionalBoolean,
  wrapping: z.boolean(),
  verifiedElementPath: optionalString,
  problems: z.array(z.string()),
  masked: optionalBoolean,
});

const querySignatureSchema = z.object({
  sigAlg: optionalString,
  valid: optionalBoolean,
  validAsSent: optionalBoolean,
  encodingDiffers: z.boolean(),
  signedQuery: z.string(),
  rebuiltQuery: z.string(),
  problems: z.array(z.string()),
  masked: optionalBoolean,
});

const kindSchema = z.optional(z.enum(["AuthnRequest", "Response", "LogoutRequest", "LogoutResponse"]));

const analysisSchema = z.object({
  message: analyzedMessageSchema,
  signatures: z.optional(z.object({ signatures: z.array(signatureCheckSchema), query: z.optional(querySignatureSchema) })),
});

const summarySchema = z.object({
  kind: z.nullable(z.enum(["AuthnRequest", "Response", "LogoutRequest", "LogoutResponse"])),
  verdict: z.enum(["accept", "reject"]),
  verdictComplete: z.boolean(),
  answer: z.nullable(z.object({ outcome: z.enum(["accepted", "refused"]), says: z.string() })),
  assumptions: z.array(z.object({ short: z.string(), text: z.string() })),
  errors: z.array(z.string()),
  receiver: z.enum(["sp", "idp"]),
  issuer: z.nullable(z.string()),
  words: z.string(),
});

export const fromAnalysisWorkerSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("batch"),
    generation: count,
    facts: z.array(z.object({ index: count, facts: z.object({ kind: kindSchema, id: optionalString, inResponseTo: optionalString, issuer: optionalString }) })),
    /** `summary` is absent when the core could not analyse the message at all. */
    results: z.array(z.object({ index: count, summary: z.optional(summarySchema) })),
    received: count,
    pending: count,
  }),
  /** The full analysis of one message, for its details. */
  z.object({ type: z.literal("detail"), generation: count, index: count, analysis: z.optional(analysisSchema) }),
]);

/** What the page posts (`toAnalysisWorkerSchema` is how the worker reads it). */
export type ToAnalysisWorker =
  | { readonly type: "add"; readonly generation: number; readonly rows: readonly AnalystRow[] }
  | { readonly type: "configure"; readonly generation: number; readonly profile: ResolvedProfile; readonly trust: readonly IdpTrust[] }
  | { readonly type: "clear"; readonly generation: number }
  | { readonly type: "detail"; readonly generation: number; readonly index: number };

export interface ResultsBatch {
  readonly type: "batch";
  readonly generation: number;
  readonly facts: AnalystBatch["facts"];
  readonly results: readonly { readonly index: number; readonly summary: RowSummary | undefined }[];
  readonly received: number;
  readonly pending: number;
}

export interface DetailAnswer {
  readonly type: "detail";
  readonly generation: number;
  readonly index: number;
  readonly analysis: MessageAnalysis | undefined;
}

/** What the worker posts (`readAnswer` is how the page reads it). */
export type FromAnalysisWorker = ResultsBatch | DetailAnswer;

type ParsedCaptured = z.infer<typeof capturedMessageSchema>;
type ParsedProfile = z.infer<typeof resolvedProfileSchema>;

/** A request from the page, checked, in the shapes the analyst uses; `undefined` when it is not one. */
export function readRequest(data: unknown): ToAnalysisWorker | undefined {
  const parsed = z.safeParse(toAnalysisWorkerSchema, data);
  if (!parsed.success) return undefined;
  const request = parsed.data;
  if (request.type === "clear" || request.type === "detail") return request;
  if (request.type === "add") return { ...request, rows: request.rows.map(({ captured, clock }) => ({ captured: capturedOf(captured), clock })) };
  return { ...request, profile: profileOf(request.profile), trust: request.trust.map((trust) => ({ ...trust, url: trust.url })) };
}

function capturedOf(parsed: ParsedCaptured): CapturedMessage {
  const { answer } = parsed;
  return {
    ...parsed,
    relayState: parsed.relayState,
    sigAlg: parsed.sigAlg,
    signature: parsed.signature,
    url: parsed.url,
    startedAt: parsed.startedAt,
    answer: answer === undefined ? undefined : { status: answer.status, mimeType: answer.mimeType, text: answer.text, ...(answer.location === undefined ? {} : { location: answer.location }) },
  };
}

function profileOf(parsed: ParsedProfile): ResolvedProfile {
  if (!parsed.ok) return parsed;
  const { sp } = parsed;
  const assumed = sp.attributeMappingAssumed === undefined ? {} : { attributeMappingAssumed: sp.attributeMappingAssumed };
  return {
    ...parsed,
    clockToleranceSeconds: parsed.clockToleranceSeconds,
    sp: { spEntityId: sp.spEntityId, acsUrl: sp.acsUrl, slsUrl: sp.slsUrl, identifierAttribute: sp.identifierAttribute, emailAttribute: sp.emailAttribute, ...assumed },
  };
}

type ParsedAnswer = z.infer<typeof fromAnalysisWorkerSchema>;
type ParsedAnalysis = NonNullable<Extract<ParsedAnswer, { type: "detail" }>["analysis"]>;
type ParsedReport = NonNullable<ParsedAnalysis["signatures"]>;

/** An answer from the worker, checked, in the shapes the panel uses; `undefined` when it is not one. */
export function readAnswer(data: unknown): FromAnalysisWorker | undefined {
  const parsed = z.safeParse(fromAnalysisWorkerSchema, data);
  if (!parsed.success) return undefined;
  const answer = parsed.data;
  if (answer.type === "detail") {
    const { analysis } = answer;
    return { ...answer, analysis: analysis === undefined ? undefined : { message: analysis.message, signatures: analysis.signatures === undefined ? undefined : report(analysis.signatures) } };
  }
  return {
    ...answer,
    facts: answer.facts.map(({ index, facts }) => ({ index, facts: { kind: facts.kind, id: facts.id, inResponseTo: facts.inResponseTo, issuer: facts.issuer } })),
    results: answer.results.map(({ index, summary }) => ({ index, summary })),
  };
}

function report(parsed: ParsedReport): SignatureReport {
  const signatures = parsed.signatures.map((check) => ({
    ...check,
    signedElementId: check.signedElementId,
    referenceUri: check.referenceUri,
    signatureAlgorithm: check.signatureAlgorithm,
    digestAlgorithm: check.digestAlgorithm,
    canonicalizationAlgorithm: check.canonicalizationAlgorithm,
    digestValid: check.digestValid,
    signatureValid: check.signatureValid,
    embeddedCertificate: check.embeddedCertificate,
    matchesTrustedCertificate: check.matchesTrustedCertificate,
    certificateExpired: check.certificateExpired,
    verifiedElementPath: check.verifiedElementPath,
  }));
  const query = parsed.query;
  return query === undefined ? { signatures } : { signatures, query: { ...query, sigAlg: query.sigAlg, valid: query.valid, validAsSent: query.validAsSent } };
}
