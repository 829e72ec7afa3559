/**
 * "What did Sentry make of the login?": the first SAML Response the standalone recorder captured since a moment,
 * analysed by the core with the Sentry preset the wizard set up, on the clock of its capture. The IdP certificates come
 * from the realm's metadata, as Sentry has them once the user entered the metadata there.
 */
import { analyzeCaptured } from "../core/analyze/analyze.js";
import { defaultVerifier } from "../core/analyze/signatures.js";
import type { CapturedMessage } from "../core/input/captured.js";
import { presetFromChoice, sentryUrlPrefixOf } from "../core/presets/choice.js";
import { sentryEndpoints } from "../core/presets/sentry-sp.js";
import type { SpProfile } from "../core/rules/rule.js";
import { certificatesFromMetadata } from "../core/saml/signature/trusted-certificates.js";
import type { MessageRequest, MessageResponse } from "../platform/messages.js";
import { readRecorderMeta, readRecorderRecords, type RecorderRecord } from "../platform/recorder-store.js";

type Verdict = MessageResponse<"recorder.verdict">;
type Request = MessageRequest<"recorder.verdict">;

function notYet(problem?: string): Verdict {
  return { found: false, findings: [], ...(problem === undefined ? {} : { problem }) };
}

function profileFor(request: Request): { ok: true; profile: SpProfile } | { ok: false; message: string } {
  const { preset: choice } = request;
  const result = presetFromChoice(choice);
  if (!result.ok) return { ok: false, message: result.error.message };
  const { sp } = result.preset;
  const nameOf = (key: string) => sp.attributes.required.find((attribute) => attribute.key === key)?.samlName ?? "";
  const metadata = request.idpMetadata === undefined ? null : certificatesFromMetadata(request.idpMetadata, "the realm's IdP metadata");
  const endpoints = sentryEndpoints(sentryUrlPrefixOf(choice), choice.orgSlug);
  return {
    ok: true,
    profile: {
      spEntityId: sp.entityId,
      acsUrl: endpoints.acsUrl,
      slsUrl: endpoints.slsUrl,
      idpEntityId: `${request.keycloakUrl.replace(/\/+$/, "")}/realms/${request.realm}`,
      trustedCertificates: metadata?.ok === true ? metadata.certificates : [],
      identifierAttribute: nameOf("identifier"),
      emailAttribute: nameOf("user_email"),
      attributeMappingAssumed: sp.attributes.required.some((attribute) => attribute.assumed),
      keycloakClientId: sp.entityId,
    },
  };
}

function capturedResponse(record: RecorderRecord, value: string): CapturedMessage {
  return {
    parameter: "SAMLResponse",
    binding: "HTTP-POST",
    bindingInferred: false,
    value,
    encoding: "base64",
    relayState: record.form?.RelayState,
    sigAlg: undefined,
    signature: undefined,
    url: record.url,
    startedAt: record.time,
    origin: "recorded login",
    answer: record.status === undefined ? undefined : { status: record.status, mimeType: undefined, text: undefined, location: record.location },
  };
}

export async function recorderVerdict(request: Request): Promise<Verdict> {
  const since = Date.parse(request.since);
  if (Number.isNaN(since)) return notYet("The start of the test login is not a time.");
  const state = await readRecorderMeta();
  const record = (await readRecorderRecords(state)).find((candidate) => Date.parse(candidate.time) >= since && candidate.method === "POST" && candidate.form?.SAMLResponse !== undefined);
  const value = record?.form?.SAMLResponse;
  if (record === undefined || value === undefined) return notYet(state.recording ? undefined : "The recorder is not recording: start the test login again.");
  const profile = profileFor(request);
  if (!profile.ok) return notYet(profile.message);
  const analysis = await analyzeCaptured([capturedResponse(record, value)], { profile: profile.profile, now: new Date(record.time), verify: defaultVerifier, audience: "browser" });
  const message = analysis.messages.at(-1);
  if (message === undefined) return notYet("The recorded response could not be analysed.");
  return {
    found: true,
    url: record.url,
    verdict: message.verdict,
    verdictComplete: message.verdictComplete,
    receiverMessage: message.receiverMessage,
    findings: message.findings
      .filter((finding) => finding.severity !== "info")
      .map((finding) => ({ id: finding.id, severity: finding.severity, message: finding.message, fix: finding.fix })),
  };
}
