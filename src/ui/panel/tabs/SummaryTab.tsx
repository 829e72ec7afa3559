import type { AnalyzedMessage } from "../../../core/analyze/result.js";
import { verdictWords } from "../../../core/analyze/verdict-words.js";
import type { Assertion, SamlMessage } from "../../../core/saml/model.js";
import type { Row } from "../model/session.js";
import { formatClock, relativeTo } from "../model/view.js";
import { Field, Fields } from "./Fields.js";

export interface SummaryTabProps {
  readonly row: Row;
  readonly message: AnalyzedMessage;
  /** The SP's allowance for clock drift, when an SP profile is chosen. */
  readonly toleranceSeconds: number | undefined;
}

export function SummaryTab({ row, message, toleranceSeconds }: SummaryTabProps) {
  const model = message.model;
  return (
    <div class="summary" data-testid="tab-summary">
      <p class={`headline verdict-${message.verdict}`} data-testid="summary-verdict">
        {headline(message)}
      </p>
      {message.receiverMessage !== null && (
        <p class="receiver-message">
          {message.receiver !== "sp"
            ? "Keycloak will say: "
            : message.kind === "LogoutRequest" || message.kind === "LogoutResponse"
              ? "The SP ignores it without showing an error; python3-saml reports: "
              : "The SP will say: "}
          <q data-testid="receiver-message">{message.receiverMessage}</q>
        </p>
      )}
      <p class="hint">
        Times are checked at capture time ({row.clock.toISOString()}, local {formatClock(row.clock)})
        {toleranceSeconds === undefined ? "." : `, with the SP's allowance of ${toleranceSeconds} s for clock drift.`}
      </p>
      {model === null ? <p>The message could not be read as a SAML message; see Diagnostics.</p> : <ModelSummary model={model} clock={row.clock} toleranceSeconds={toleranceSeconds} />}
    </div>
  );
}

function headline(message: AnalyzedMessage): string {
  // Security findings never change the verdict, so they stay out of its counts (Diagnostics lists them apart).
  const fit = message.findings.filter((finding) => finding.kind !== "security");
  const errors = fit.filter((finding) => finding.severity === "error").length;
  const warnings = fit.filter((finding) => finding.severity === "warning").length;
  const counts = errors + warnings === 0 ? "" : ` ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`;
  return `${verdictWords(message).sentence}${counts}`;
}

function ModelSummary({ model, clock, toleranceSeconds }: { readonly model: SamlMessage; readonly clock: Date; readonly toleranceSeconds: number | undefined }) {
  const time = (value: string | undefined) => relativeTo(value, clock);
  const common = (
    <>
      <Field label="Issuer" value={model.issuers.join(", ") || undefined} testId="summary-issuer" />
      <Field label="Destination" value={model.destination} testId="summary-destination" />
      <Field label="ID" value={model.id} />
      <Field label="IssueInstant" value={model.issueInstant} note={time(model.issueInstant)} />
    </>
  );
  switch (model.kind) {
    case "AuthnRequest":
      return (
        <Fields>
          {common}
          <Field label="AssertionConsumerServiceURL" value={model.assertionConsumerServiceUrl} testId="summary-acs" />
          <Field label="ProtocolBinding" value={model.protocolBinding} />
          <Field label="NameIDPolicy Format" value={model.nameIdPolicyFormat} />
          <Field label="ForceAuthn" value={model.forceAuthn} />
          <Field label="IsPassive" value={model.isPassive} />
        </Fields>
      );
    case "LogoutRequest":
      return (
        <Fields>
          {common}
          <Field label="NameID" value={model.nameId?.value} note={model.nameId?.format} testId="summary-nameid" />
          <Field label="SessionIndex" value={model.sessionIndexes.join(", ") || undefined} />
          <Field label="NotOnOrAfter" value={model.notOnOrAfter} note={time(model.notOnOrAfter)} />
        </Fields>
      );
    case "LogoutResponse":
      return (
        <Fields>
          {common}
          <Field label="InResponseTo" value={model.inResponseTo} />
          <Field label="Status" value={model.status?.code} note={[model.status?.subCode, model.status?.message].filter(Boolean).join(" · ") || undefined} />
        </Fields>
      );
    case "Response":
      return (
        <>
          <Fields>
            {common}
            <Field label="InResponseTo" value={model.inResponseTo} />
            <Field label="Status" value={model.status?.code} note={[model.status?.subCode, model.status?.message].filter(Boolean).join(" · ") || undefined} testId="summary-status" />
            <Field label="Assertions" value={`${model.assertions.length} plain, ${model.encryptedAssertionCount} encrypted`} />
          </Fields>
          {model.assertions.map((assertion, position) => (
            <AssertionSummary key={position} assertion={assertion} clock={clock} toleranceSeconds={toleranceSeconds} />
          ))}
        </>
      );
  }
}

function AssertionSummary({ assertion, clock, toleranceSeconds }: { readonly assertion: Assertion; readonly clock: Date; readonly toleranceSeconds: number | undefined }) {
  const time = (value: string | undefined) => relativeTo(value, clock);
  const conditions = assertion.conditions;
  const drift = toleranceSeconds === undefined ? undefined : toleranceSeconds * 1000;
  const window = (value: string | undefined, sign: -1 | 1) => {
    const parsed = value === undefined ? Number.NaN : Date.parse(value);
    if (drift === undefined || Number.isNaN(parsed)) return time(value);
    return `${time(value) ?? ""}; the SP accepts ${sign < 0 ? "from" : "until"} ${new Date(parsed + sign * drift).toISOString()}`;
  };
  return (
    <section class="assertion">
      <h3>Assertion {assertion.id}</h3>
      <Fields>
        <Field label="Issuer" value={assertion.issuers.join(", ") || undefined} />
        <Field label="NameID" value={assertion.nameId?.value} testId="summary-nameid" />
        <Field label="NameID Format" value={assertion.nameId?.format} testId="summary-nameid-format" />
        <Field label="Audience" value={conditions?.audiences.join(", ") || undefined} testId="summary-audience" />
        <Field label="Conditions NotBefore" value={conditions?.notBefore} note={window(conditions?.notBefore, -1)} testId="summary-notbefore" />
        <Field label="Conditions NotOnOrAfter" value={conditions?.notOnOrAfter} note={window(conditions?.notOnOrAfter, 1)} testId="summary-notonorafter" />
        {assertion.subjectConfirmations.map((confirmation, position) => (
          <Field
            key={position}
            label="SubjectConfirmation"
            value={confirmation.recipient === undefined ? confirmation.method : `Recipient ${confirmation.recipient}`}
            note={confirmation.notOnOrAfter === undefined ? undefined : `NotOnOrAfter ${confirmation.notOnOrAfter} (${time(confirmation.notOnOrAfter) ?? "unreadable"})`}
          />
        ))}
        {assertion.authnStatements.map((statement, position) => (
          <Field
            key={`authn-${position}`}
            label="AuthnStatement"
            value={`AuthnInstant ${statement.authnInstant ?? "(absent)"}, SessionIndex ${statement.sessionIndex ?? "(absent)"}`}
            note={[statement.authnContextClassRef, statement.sessionNotOnOrAfter === undefined ? undefined : `SessionNotOnOrAfter ${time(statement.sessionNotOnOrAfter) ?? statement.sessionNotOnOrAfter}`].filter(Boolean).join(" · ") || undefined}
          />
        ))}
        {assertion.authnStatements.length === 0 && <Field label="AuthnStatement" value={undefined} />}
      </Fields>
    </section>
  );
}
