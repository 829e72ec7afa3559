/** The analysis result: per message, what it is, its findings and the predicted verdict; plus the exchanges. */
import * as z from "zod/mini";
import { findingSchema } from "../rules/rule.js";
import { exchangeSchema } from "../saml/flows.js";
import { samlMessageSchema } from "../saml/model.js";

export const analyzedMessageSchema = z.object({
  index: z.number(),
  origin: z.string(),
  kind: z.nullable(z.enum(["AuthnRequest", "Response", "LogoutRequest", "LogoutResponse"])),
  parameter: z.enum(["SAMLRequest", "SAMLResponse"]),
  binding: z.enum(["HTTP-POST", "HTTP-Redirect"]),
  bindingInferred: z.boolean(),
  receiver: z.enum(["sp", "idp"]),
  id: z.nullable(z.string()),
  inResponseTo: z.nullable(z.string()),
  issuer: z.nullable(z.string()),
  destination: z.nullable(z.string()),
  relayState: z.nullable(z.string()),
  /**
   * Decision of the receiver (the SP for responses, Keycloak for requests): its answer in the capture when that tells,
   * else the prediction of the checks.
   */
  verdict: z.enum(["accept", "reject"]),
  /** The receiver's answer in the capture, when it tells acceptance from refusal; it outranks the prediction. */
  answer: z.nullable(z.object({ outcome: z.enum(["accepted", "refused"]), says: z.string() })),
  /**
   * What the prediction rests on that the capture does not show (no profile, no certificate, an assumed mapping); with
   * an answer, they explain a prediction the answer contradicts.
   */
  assumptions: z.array(z.object({ short: z.string(), text: z.string() })),
  /** False when a check the receiver makes could not be made here (e.g. the signature was not verified). */
  verdictComplete: z.boolean(),
  /** What the receiver will say: the receiverMessage of the first error, in the receiver's check order. */
  receiverMessage: z.nullable(z.string()),
  /** The clock the message's times were judged by (ISO-8601): its capture time, or the analysis's `now`. */
  judgedAt: z.string(),
  findings: z.array(findingSchema),
  quirks: z.array(z.string()),
  xml: z.nullable(z.string()),
  model: z.nullable(samlMessageSchema),
});

export const analysisSchema = z.object({ messages: z.array(analyzedMessageSchema), exchanges: z.array(exchangeSchema) });

export type AnalyzedMessage = z.infer<typeof analyzedMessageSchema>;
export type Analysis = z.infer<typeof analysisSchema>;

export type AnalysisResult =
  | { readonly ok: true; readonly analysis: Analysis }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };
