import type { AnalyzedMessage } from "../../../core/analyze/result.js";

const QUIRK_TEXT: Record<string, string> = {
  "deflated-post": "The POSTed value was DEFLATEd (the SP does not inflate POSTed messages).",
  "zlib-header": "The DEFLATE data had a zlib header in front.",
  "not-deflated": "A Redirect-binding message that was not DEFLATEd.",
  "byte-order-mark": "The XML starts with a byte-order mark.",
  "legacy-encoding": "The XML was not UTF-8.",
};

export function DiagnosticsTab({ message }: { readonly message: AnalyzedMessage }) {
  const findings = message.findings;
  return (
    <div data-testid="tab-diagnostics">
      {findings.length === 0 ? (
        <p data-testid="no-findings">No problem found: every check the receiver makes passes.</p>
      ) : (
        <ol class="findings">
          {findings.map((finding, index) => (
            <li key={index} class={`finding severity-${finding.severity}`} data-testid="finding" data-finding-id={finding.id}>
              <div class="finding-head">
                <span class={`badge severity-${finding.severity}`}>{finding.severity}</span>
                <code>{finding.id}</code>
              </div>
              <p class="finding-message">{finding.message}</p>
              {(finding.expected !== undefined || finding.actual !== undefined) && (
                <dl class="fields">
                  {finding.expected !== undefined && (
                    <>
                      <dt>Expected</dt>
                      <dd class="mono">{finding.expected}</dd>
                    </>
                  )}
                  {finding.actual !== undefined && (
                    <>
                      <dt>Found</dt>
                      <dd class="mono">{finding.actual}</dd>
                    </>
                  )}
                </dl>
              )}
              <p class="fix">
                <strong>Fix: </strong>
                {finding.fix}
              </p>
              {finding.receiverMessage !== undefined && (
                <p class="receiver">
                  {message.receiver === "sp" ? "python3-saml / Sentry says: " : "Keycloak says: "}
                  <q data-testid="finding-receiver-message">{finding.receiverMessage}</q>
                </p>
              )}
              <p class="source hint">Source: {finding.source}</p>
            </li>
          ))}
        </ol>
      )}
      {message.quirks.length > 0 && (
        <section>
          <h3>Decoding notes</h3>
          <ul>
            {message.quirks.map((quirk) => (
              <li key={quirk}>{QUIRK_TEXT[quirk] ?? quirk}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
