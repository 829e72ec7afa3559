/**
 * Analyses one captured message with the core, on the receiver's clock: the checks of time conditions use the moment
 * the message was captured, so an imported capture is judged as the SP judged it then, not as it would be today.
 */
import { analyzeCaptured } from "../../../core/analyze/analyze.js";
import type { AnalyzedMessage } from "../../../core/analyze/result.js";
import { defaultVerifier, type VerifySignatures } from "../../../core/analyze/signatures.js";
import type { CapturedMessage } from "../../../core/input/captured.js";
import type { SpProfile } from "../../../core/rules/rule.js";
import { decodeSamlValue } from "../../../core/saml/decode.js";
import { buildModel, type MessageKind } from "../../../core/saml/model.js";
import type { SignatureReport } from "../../../core/saml/signature/types.js";
import { parseXml } from "../../../core/saml/xml.js";

/** What pairing needs, read before the full analysis (which needs the paired request). */
export interface MessageFacts {
  readonly kind: MessageKind | undefined;
  readonly id: string | undefined;
  readonly inResponseTo: string | undefined;
  readonly issuer: string | undefined;
}

export function identifyMessage(captured: CapturedMessage): MessageFacts {
  const none: MessageFacts = { kind: undefined, id: undefined, inResponseTo: undefined, issuer: undefined };
  let xml = captured.value;
  if (captured.encoding === "base64") {
    const decoded = decodeSamlValue(captured.value, captured.binding);
    if (!decoded.ok) return none;
    xml = decoded.value.xml;
  }
  const parsed = parseXml(xml);
  if (!parsed.ok) return none;
  const model = buildModel(parsed.root);
  if (!model.ok) return none;
  const message = model.message;
  return {
    kind: message.kind,
    id: message.id,
    inResponseTo: message.kind === "Response" || message.kind === "LogoutResponse" ? message.inResponseTo : undefined,
    issuer: message.issuers[0],
  };
}

export interface MessageAnalysis {
  readonly message: AnalyzedMessage;
  /** Each signature's checks; `undefined` for messages the SP does not verify (requests, logout it receives unsigned). */
  readonly signatures: SignatureReport | undefined;
}

export async function analyzeMessage(
  captured: CapturedMessage,
  request: CapturedMessage | undefined,
  profile: SpProfile,
  now: Date,
  verify: VerifySignatures | undefined = defaultVerifier,
): Promise<MessageAnalysis | undefined> {
  // Responses and signed logout queries are verified. A request is never a Response, but it may be a LogoutRequest
  // with a signed query: the report kept is the one of this message's own value.
  let signatures: SignatureReport | undefined;
  const recording: VerifySignatures | undefined =
    verify === undefined
      ? undefined
      : async (root, options) => {
          const report = await verify(root, options);
          if (options.query === undefined || options.query.value === captured.value) signatures = report;
          return report;
        };
  try {
    const analysis = await analyzeCaptured(request === undefined ? [captured] : [request, captured], { profile, now, verify: recording, audience: "browser" });
    const message = analysis.messages.at(-1);
    return message === undefined ? undefined : { message, signatures };
  } catch {
    return undefined;
  }
}
