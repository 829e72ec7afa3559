import { useEffect, useState } from "preact/hooks";
import type { SamlMessage, SignatureSummary } from "../../../core/saml/model.js";
import { descriptorUrlOfRealm } from "../../../core/keycloak/urls.js";
import { describeCertificate } from "../../../core/saml/signature/trusted-certificates.js";
import type { CertificateInfo, QuerySignatureCheck, SignatureCheck, SignatureReport } from "../../../core/saml/signature/types.js";
import { keycloakDescriptorUrl } from "../model/metadata-url.js";
import { useTrustFor, useTrustStore } from "../use-trust.js";
import { Field, Fields } from "./Fields.js";

export interface SignatureTabProps {
  readonly model: SamlMessage | null;
  readonly report: SignatureReport | undefined;
  readonly issuer: string | undefined;
}

const SHORT_ALGORITHM = /#([\w-]+)$/;

function algorithm(uri: string | undefined): string | undefined {
  return uri === undefined ? undefined : (SHORT_ALGORITHM.exec(uri)?.[1] ?? uri);
}

function yesNo(value: boolean | undefined, yes: string, no: string, unknown: string): { text: string; state: "ok" | "bad" | "unknown" } {
  if (value === undefined) return { text: unknown, state: "unknown" };
  return value ? { text: yes, state: "ok" } : { text: no, state: "bad" };
}

export function SignatureTab({ model, report, issuer }: SignatureTabProps) {
  const summaries = model === null ? [] : allSignatures(model);
  const query = report?.query;
  return (
    <div data-testid="tab-signature">
      {query !== undefined && <QueryCheckView check={query} />}
      {report !== undefined && report.signatures.length > 0 ? (
        report.signatures.map((check, position) => <CheckView key={position} check={check} />)
      ) : summaries.length > 0 ? (
        <>
          <p class="hint">{model?.kind === "Response" ? "The signatures were not verified." : "The SP does not verify signatures of this message here; what it carries:"}</p>
          {summaries.map((summary, position) => (
            <SummaryView key={position} summary={summary} />
          ))}
        </>
      ) : query === undefined ? (
        <p data-testid="unsigned">This message carries no XML signature.</p>
      ) : null}
      {(model?.kind === "Response" || query !== undefined) && <TrustEditor issuer={issuer} />}
    </div>
  );
}

function allSignatures(model: SamlMessage): SignatureSummary[] {
  return model.kind === "Response" ? [...model.signatures, ...model.assertions.flatMap((assertion) => assertion.signatures)] : model.signatures;
}

function CheckView({ check }: { readonly check: SignatureCheck }) {
  const masked = check.masked === true;
  const digest = yesNo(check.digestValid, "valid", "does not match", masked ? "masked in this capture (redacted)" : "not computed");
  const value = yesNo(check.signatureValid, "valid", "does not verify", masked ? "masked in this capture (redacted)" : "not checked (no key)");
  const trusted = yesNo(check.matchesTrustedCertificate, "matches a certificate you supplied", "matches none of the certificates you supplied", masked ? "not known (the capture was redacted)" : "no certificate supplied");
  return (
    <section class="signature" data-testid="signature-check" data-signed-element={check.signedElement}>
      <h3>
        Signature on the {check.signedElement} {check.signedElementId === undefined ? "" : <span class="mono">{check.signedElementId}</span>}
      </h3>
      <ul class="checks">
        <li class={`check-${digest.state}`} data-testid="digest-check">
          Digest: {digest.text}
        </li>
        <li class={`check-${value.state}`} data-testid="signature-value-check">
          Signature value: {value.text}
        </li>
        <li class={`check-${trusted.state}`} data-testid="trust-check">
          Key: {trusted.text}
        </li>
        <li class={check.wrapping ? "check-bad" : "check-ok"} data-testid="wrapping-check">
          {check.wrapping ? "Signature wrapping: the reference does not point at the element the SP reads" : "Reference points at the signed element"}
        </li>
        {check.certificateExpired === true && <li class="check-bad">The certificate is expired at capture time</li>}
        <ProblemItems problems={check.problems} />
      </ul>
      <Fields>
        <Field label="Reference URI" value={check.referenceUri} />
        <Field label="Signature algorithm" value={algorithm(check.signatureAlgorithm)} note={check.signatureAlgorithm} />
        <Field label="Digest algorithm" value={algorithm(check.digestAlgorithm)} note={check.digestAlgorithm} />
        <Field label="Canonicalization" value={algorithm(check.canonicalizationAlgorithm)} note={check.canonicalizationAlgorithm} />
      </Fields>
      {check.embeddedCertificate !== undefined && <CertificateView title="Certificate in KeyInfo" info={check.embeddedCertificate} />}
    </section>
  );
}

function ProblemItems({ problems }: { readonly problems: readonly string[] }) {
  return (
    <>
      {problems.map((problem, index) => (
        <li key={index} class="check-bad">
          {problem}
        </li>
      ))}
    </>
  );
}

/** The signature of an HTTP-Redirect message, in its query string: checked as python3-saml checks it and as sent. */
function QueryCheckView({ check }: { readonly check: QuerySignatureCheck }) {
  const masked = check.masked === true;
  const sentry = yesNo(check.valid, "valid", "does not verify", masked ? "masked in this capture (redacted)" : "not checked (no certificate)");
  const asSent = yesNo(check.validAsSent, "valid", "does not verify", masked ? "masked in this capture (redacted)" : "not checked");
  return (
    <section class="signature" data-testid="query-signature-check">
      <h3>Signature in the query string (HTTP-Redirect)</h3>
      <ul class="checks">
        <li class={`check-${sentry.state}`} data-testid="query-signature-sentry">
          As Sentry (python3-saml) checks it: {sentry.text}
        </li>
        <li class={`check-${asSent.state}`} data-testid="query-signature-as-sent">
          Over the query as sent: {asSent.text}
        </li>
        {check.encodingDiffers && <li class="check-bad">python3-saml re-encodes the values and checks other bytes than the ones sent</li>}
        <ProblemItems problems={check.problems} />
      </ul>
      <Fields>
        <Field label="SigAlg" value={algorithm(check.sigAlg)} note={check.sigAlg} />
        <Field label="Signed (as sent)" value={check.signedQuery} />
        {check.encodingDiffers && <Field label="Checked by python3-saml" value={check.rebuiltQuery} />}
      </Fields>
    </section>
  );
}

function SummaryView({ summary }: { readonly summary: SignatureSummary }) {
  return (
    <section class="signature" data-testid="signature-summary">
      <h3>Signature on the {summary.signedElement}</h3>
      <Fields>
        <Field label="Reference URI" value={summary.referenceUri} />
        <Field label="Signature algorithm" value={algorithm(summary.signatureAlgorithm)} note={summary.signatureAlgorithm} />
        <Field label="Digest algorithm" value={algorithm(summary.digestAlgorithm)} note={summary.digestAlgorithm} />
      </Fields>
    </section>
  );
}

function CertificateView({ title, info }: { readonly title: string; readonly info: CertificateInfo }) {
  return (
    <div class="certificate" data-testid="certificate">
      <h4>{title}</h4>
      <Fields>
        <Field label="Subject" value={info.subject} testId="certificate-subject" />
        <Field label="Issuer" value={info.issuer} />
        <Field label="Valid" value={`${info.notBefore} → ${info.notAfter}`} />
        <Field label="SHA-256" value={info.sha256Fingerprint} testId="certificate-fingerprint" />
        <Field label="Key" value={info.publicKeyAlgorithm} />
      </Fields>
    </div>
  );
}

/** The certificates trusted for this message's IdP: shown, pasted, fetched or forgotten. */
function TrustEditor({ issuer }: { readonly issuer: string | undefined }) {
  const store = useTrustStore();
  const trust = useTrustFor(issuer);
  const [text, setText] = useState(trust?.text ?? "");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(trust?.text ?? "");
    setError(null);
  }, [trust, issuer]);
  return (
    <section class="trust" data-testid="trust-editor">
      <h3>IdP certificate{issuer === undefined ? "" : ` for ${issuer}`}</h3>
      {trust === undefined ? (
        <p class="hint">Paste the IdP's SAML metadata (Keycloak: Realm settings → SAML 2.0 Identity Provider Metadata) or its signing certificate (PEM) to check the signature as the SP does. It is remembered for this IdP, in this browser only.</p>
      ) : (
        <>
          <p data-testid="trust-status">
            {trust.certificates.length} certificate{trust.certificates.length === 1 ? "" : "s"} trusted for {trust.entityId}
            {trust.fromMetadata ? " (from metadata)" : " (pasted certificate)"}.
          </p>
          {trust.url !== undefined && (
            <p class="hint" data-testid="trust-url">
              Fetched from <span class="mono">{trust.url}</span>
            </p>
          )}
          {trust.certificates.map((certificate, position) => {
            const read = describeCertificate(certificate.der);
            return read.ok ? <CertificateView key={position} title={`Trusted certificate ${position + 1}`} info={read.certificate.info} /> : null;
          })}
        </>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void store.paste(text, issuer).then(setError);
        }}
      >
        <label class="block">
          Metadata XML or PEM certificate
          <textarea rows={5} spellcheck={false} value={text} data-testid="trust-input" onInput={(event) => setText(event.currentTarget.value)} />
        </label>
        <div class="actions">
          <button type="submit" class="primary" data-testid="trust-save">
            Use for signature checks
          </button>
          {trust !== undefined && (
            <button type="button" onClick={() => store.forget(trust.entityId)}>
              Forget
            </button>
          )}
        </div>
        {error !== null && (
          <p class="error" role="alert" data-testid="trust-error">
            {error}
          </p>
        )}
      </form>
      {store.canFetch && <MetadataFetch issuer={issuer} />}
    </section>
  );
}

/** "Fetch from URL": Keycloak's realm descriptor, prefilled from the issuer; the browser asks for that site first. */
function MetadataFetch({ issuer }: { readonly issuer: string | undefined }) {
  const store = useTrustStore();
  const trust = useTrustFor(issuer);
  const suggested = trust?.url ?? keycloakDescriptorUrl(issuer) ?? "";
  const [url, setUrl] = useState(suggested);
  const [state, setState] = useState<{ readonly busy: boolean; readonly error: string | null }>({ busy: false, error: null });
  useEffect(() => {
    setUrl(suggested);
    setState({ busy: false, error: null });
  }, [suggested]);
  return (
    <form
      class="metadata-fetch"
      onSubmit={(event) => {
        event.preventDefault();
        setState({ busy: true, error: null });
        // Called synchronously from the submit, so the permission request still counts as the user's gesture.
        void store.fetch(url, issuer).then((error) => setState({ busy: false, error }));
      }}
    >
      <label class="block">
        Or fetch the IdP metadata from a URL
        <input type="url" spellcheck={false} value={url} placeholder={descriptorUrlOfRealm("https://keycloak.example.com/realms/<realm>")} data-testid="trust-url-input" onInput={(event) => setUrl(event.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" data-testid="trust-fetch" disabled={state.busy || url.trim() === ""}>
          {state.busy ? "Fetching…" : "Fetch from URL"}
        </button>
        <span class="hint">The browser asks you to allow access to that site; nothing else is sent there.</span>
      </div>
      {state.error !== null && (
        <p class="error" role="alert" data-testid="trust-fetch-error">
          {state.error}
        </p>
      )}
    </form>
  );
}
