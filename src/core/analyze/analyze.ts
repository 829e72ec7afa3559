/**
 * The public entry point: input text → messages decoded, parsed, modelled, verified and diagnosed, grouped into
 * exchanges. Never throws: unusable input comes back as an error with a code, a broken message as findings.
 */
import type { CapturedMessage } from "../input/captured.js";
import { readInput } from "../input/detect.js";
import type { Binding, DecodeError, DecodeQuirk } from "../saml/decode.js";
import { decodeSamlValue } from "../saml/decode.js";
import { groupExchanges } from "../saml/flows.js";
import { buildModel, type SamlMessage } from "../saml/model.js";
import { NS, parseXml, type XmlElement, type XmlError } from "../saml/xml.js";
import { rules } from "../rules/registry.js";
import type { Audience } from "../rules/audience.js";
import { fixOf, type Finding, type FindingDraft, type Receiver, type Rule, type RuleContext, type SpProfile } from "../rules/rule.js";
import type { RedirectQuery, SignatureReport } from "../saml/signature/types.js";
import type { AnalysisResult, AnalyzedMessage } from "./result.js";
import { verifySafely, type VerifySignatures } from "./signatures.js";
import { profileForMessage } from "../presets/endpoint-of-message.js";
import { assumptionsOf } from "./assumptions.js";
import { pairedAnswerOf, receiverAnswerOf } from "./receiver-answer.js";

export interface AnalyzeOptions {
  readonly profile: SpProfile;
  readonly now: Date;
  /**
   * Judge each message's times at the moment it was captured (a HAR entry's startedDateTime), which is when its
   * receiver judged them; `now` for messages without one. Off: `now` for every message.
   */
  readonly atCaptureTime?: boolean;
  readonly verify?: VerifySignatures | undefined;
  /**
   * Let the receiver's answer in the capture decide the verdict (default). Off when the messages are judged at another
   * time than the receiver judged them (`--now`): the answer then tells nothing about that moment.
   */
  readonly followAnswers?: boolean;
  /** Where the findings are read: their fixes name the CLI's options or the panel's controls. The CLI by default. */
  readonly audience?: Audience;
}

interface Prepared {
  readonly captured: CapturedMessage;
  /** The options' profile for the SP this message was sent to (or, for an AuthnRequest, sent by). */
  readonly profile: SpProfile;
  readonly quirks: readonly DecodeQuirk[];
  readonly decodeError: DecodeError | undefined;
  readonly xml: string | undefined;
  readonly xmlError: XmlError | undefined;
  readonly root: XmlElement | undefined;
  readonly message: SamlMessage | undefined;
  readonly modelError: string | undefined;
  /** The signature report under way, for a Response when a verifier is given. */
  readonly verification: Promise<SignatureReport | undefined> | undefined;
}

/** Analyses any supported input (HAR, form body, URL, base64, XML). */
export async function analyzeInput(text: string, options: AnalyzeOptions): Promise<AnalysisResult> {
  try {
    const input = readInput(text);
    if (!input.ok) return { ok: false, error: { code: input.code, message: input.message } };
    return { ok: true, analysis: await analyzeCaptured(input.messages, options) };
  } catch (error) {
    return { ok: false, error: { code: "internal", message: `The analysis failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

export async function analyzeCaptured(captured: readonly CapturedMessage[], options: AnalyzeOptions) {
  // Each message's signature check starts as soon as it is parsed: WebCrypto works on another thread and answers
  // asynchronously, so the checks run side by side with the parsing of the next messages and with the rules.
  const clocks = captured.map((item) => clockOf(item, options));
  const prepared = captured.map((item, index) => prepare(item, options, clocks[index] ?? options.now));
  const exchanges = groupExchanges(
    prepared.map((item, index) => ({
      index,
      kind: item.message?.kind,
      id: item.message?.id,
      inResponseTo: item.message?.kind === "Response" || item.message?.kind === "LogoutResponse" ? item.message.inResponseTo : undefined,
      relayState: item.captured.relayState,
    })),
  );
  /** The response that answers each request, by the request's index. */
  const responseOf = new Map<number, number>();
  for (const exchange of exchanges) {
    if (exchange.response === null || exchange.request === null) continue;
    responseOf.set(exchange.request, exchange.response);
  }
  const messages: AnalyzedMessage[] = [];
  for (const [index, item] of prepared.entries()) {
    const responseIndex = responseOf.get(index);
    const pairedResponse = responseIndex === undefined ? undefined : prepared[responseIndex]?.message;
    messages.push(await diagnose(index, item, pairedResponse, options, clocks[index] ?? options.now));
  }
  return { messages, exchanges };
}

function clockOf(captured: CapturedMessage, options: AnalyzeOptions): Date {
  if (options.atCaptureTime !== true || captured.startedAt === undefined) return options.now;
  const time = Date.parse(captured.startedAt);
  return Number.isNaN(time) ? options.now : new Date(time);
}

function prepare(captured: CapturedMessage, options: AnalyzeOptions, now: Date): Prepared {
  let current = captured;
  let quirks: readonly DecodeQuirk[] = [];
  let xml: string;
  const failed = { profile: profileForMessage(options.profile, captured.url), decodeError: undefined, xmlError: undefined, root: undefined, message: undefined, modelError: undefined, verification: undefined };
  if (captured.encoding === "xml") {
    xml = captured.value;
  } else {
    const decoded = decodeSamlValue(captured.value, captured.binding);
    if (!decoded.ok) return { ...failed, captured, quirks: decoded.error.quirks, decodeError: decoded.error, xml: undefined };
    quirks = decoded.value.quirks;
    xml = decoded.value.xml;
    if (captured.bindingInferred && quirks.includes("deflated-post")) {
      // A bare DEFLATEd value was copied from a Redirect URL, not posted by mistake.
      current = { ...captured, binding: "HTTP-Redirect" satisfies Binding };
      quirks = quirks.filter((quirk) => quirk !== "deflated-post");
    }
  }
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ...failed, captured: current, quirks, xml, xmlError: parsed.error };
  const root = parsed.root;
  // Only Responses are verified here: the SP checks their signatures; a request's signature is Keycloak's business.
  const verification =
    options.verify !== undefined && root.ns === NS.samlp && root.local === "Response" ? verifySafely(options.verify, root, options.profile.trustedCertificates, now) : undefined;
  const model = buildModel(root);
  if (!model.ok) return { ...failed, captured: current, quirks, xml, root, modelError: model.message, verification };
  const profile = profileForMessage(options.profile, captured.url, model.message.kind === "AuthnRequest" ? model.message.issuers[0] : undefined);
  const parameter = model.message.kind === "Response" || model.message.kind === "LogoutResponse" ? "SAMLResponse" : "SAMLRequest";
  if (current.bindingInferred && current.parameter !== parameter) current = { ...current, parameter };
  const query = verification === undefined ? signedLogoutToSp(current, model.message, profile) : undefined;
  const queryVerification = query === undefined || options.verify === undefined ? verification : verifySafely(options.verify, root, options.profile.trustedCertificates, now, query);
  return { ...failed, profile, captured: current, quirks, xml, root, message: model.message, verification: queryVerification };
}

/**
 * The signed query of a logout message Keycloak sent to Sentry with the Redirect binding: python3-saml checks that
 * signature whenever there is one (Sentry's SLS). Requests to Keycloak are signed, if at all, with the SP's key, which
 * the profile does not hold.
 */
function signedLogoutToSp(captured: CapturedMessage, message: SamlMessage, profile: SpProfile): RedirectQuery | undefined {
  if (captured.binding !== "HTTP-Redirect" || captured.bindingInferred || captured.signature === undefined || captured.encoding !== "base64") return undefined;
  if (message.kind !== "LogoutRequest" && message.kind !== "LogoutResponse") return undefined;
  if (receiverOf(captured, message, profile) !== "sp") return undefined;
  return {
    parameter: captured.parameter,
    value: captured.value,
    relayState: captured.relayState,
    sigAlg: captured.sigAlg,
    signature: captured.signature,
    rawQuery: rawQueryOf(captured.url),
  };
}

function rawQueryOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const question = url.indexOf("?");
  if (question < 0) return undefined;
  const hash = url.indexOf("#", question);
  return url.slice(question + 1, hash < 0 ? undefined : hash);
}

/** A rule's findings; a rule that trips over an unexpected message must not hide the others' findings. */
function runRule(rule: Rule, context: RuleContext): readonly FindingDraft[] {
  try {
    return rule.check(context);
  } catch (error) {
    return [{ severity: "info", message: `This check could not run: ${error instanceof Error ? error.message : String(error)}` }];
  }
}

function receiverOf(captured: CapturedMessage, message: SamlMessage | undefined, profile: SpProfile): Receiver {
  const kind = message?.kind;
  if (kind === "Response") return "sp";
  if (kind === "AuthnRequest") return "idp";
  const issuer = message?.issuers[0];
  if (issuer !== undefined && profile.idpEntityId !== undefined && issuer === profile.idpEntityId) return "sp";
  if (issuer !== undefined && profile.spEntityId !== undefined && issuer === profile.spEntityId) return "idp";
  const target = captured.url ?? message?.destination;
  if (target !== undefined && profile.slsUrl !== undefined && target.startsWith(profile.slsUrl)) return "sp";
  if (target !== undefined && profile.acsUrl !== undefined && target.startsWith(profile.acsUrl)) return "sp";
  if (kind === undefined) return captured.parameter === "SAMLResponse" ? "sp" : "idp";
  return "idp";
}

async function diagnose(
  index: number,
  item: Prepared,
  pairedResponse: SamlMessage | undefined,
  options: AnalyzeOptions,
  now: Date,
): Promise<AnalyzedMessage> {
  const { profile } = item;
  const receiver = receiverOf(item.captured, item.message, profile);
  const context = (signatures: SignatureReport | undefined): RuleContext => ({
    captured: item.captured,
    receiver,
    quirks: item.quirks,
    decodeError: item.decodeError,
    xmlError: item.xmlError,
    root: item.root,
    message: item.message,
    modelError: item.modelError,
    profile,
    now,
    signatures,
  });
  const outcomes: (readonly FindingDraft[] | undefined)[] = new Array<readonly FindingDraft[] | undefined>(rules.length);
  // First every rule that does not read the signature report, while verification may still be running.
  const before = context(undefined);
  for (let position = 0; position < rules.length; position++) {
    const rule = rules[position];
    if (rule !== undefined && rule.readsSignatures !== true) outcomes[position] = runRule(rule, before);
  }
  const after = item.verification === undefined ? before : context(await item.verification);
  for (let position = 0; position < rules.length; position++) {
    const rule = rules[position];
    if (rule !== undefined && rule.readsSignatures === true) outcomes[position] = runRule(rule, after);
  }
  const findings: Finding[] = [];
  for (const [position, rule] of rules.entries()) {
    for (const draft of outcomes[position] ?? []) {
      findings.push({ ...draft, id: rule.id, source: rule.source, fix: draft.fix ?? fixOf(rule, options.audience ?? "cli"), ...(rule.kind === undefined ? {} : { kind: rule.kind }) });
    }
  }
  const firstError = findings.find((finding) => finding.severity === "error" && finding.kind !== "security");
  const message = item.message;
  const answer =
    options.followAnswers === false
      ? undefined
      : (receiverAnswerOf(item.captured, message?.kind, receiver) ?? (receiver === "idp" ? pairedAnswerOf(message?.kind, pairedResponse) : undefined));
  const predicted = firstError === undefined ? "accept" : "reject";
  return {
    index,
    origin: item.captured.origin,
    kind: message?.kind ?? null,
    parameter: item.captured.parameter,
    binding: item.captured.binding,
    bindingInferred: item.captured.bindingInferred,
    receiver,
    id: message?.id ?? null,
    inResponseTo: message !== undefined && (message.kind === "Response" || message.kind === "LogoutResponse") ? (message.inResponseTo ?? null) : null,
    issuer: message?.issuers[0] ?? null,
    destination: message?.destination ?? null,
    relayState: item.captured.relayState ?? null,
    verdict: answer === undefined ? predicted : answer.outcome === "accepted" ? "accept" : "reject",
    answer: answer === undefined ? null : { outcome: answer.outcome, says: answer.says },
    assumptions: assumptionsOf(message?.kind ?? null, receiver, profile, findings),
    verdictComplete: !findings.some((finding) => finding.id === "signature.not-checked"),
    receiverMessage: answer?.receiverMessage ?? (answer?.outcome === "accepted" ? undefined : firstError?.receiverMessage) ?? null,
    judgedAt: Number.isNaN(now.getTime()) ? "" : now.toISOString(),
    findings,
    quirks: [...item.quirks],
    xml: item.xml ?? null,
    model: message ?? null,
  };
}
