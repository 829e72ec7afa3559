import type { RememberedIdp } from "./panel/model/trust-list.js";

export interface OptionsProps {
  readonly origins: readonly { readonly pattern: string; readonly label: string; readonly granted: boolean }[] | null;
  readonly onRemove: (pattern: string) => void;
  /** The IdP certificates and metadata the panel and the recorder remember; null while loading. */
  readonly trusted: readonly RememberedIdp[] | null;
  readonly onForget: (entityId: string) => void;
  /** How many requests the recorder keeps; null while loading. */
  readonly recorderCap: number | null;
  readonly onRecorderCap: (cap: number) => void;
}

export function Options(props: OptionsProps) {
  return (
    <main class="options">
      <h1>SAML Lens — settings</h1>
      <Sites origins={props.origins} onRemove={props.onRemove} />
      <TrustedIdps trusted={props.trusted} onForget={props.onForget} />
      <Recorder cap={props.recorderCap} onCap={props.onRecorderCap} />
    </main>
  );
}

function Sites({ origins, onRemove }: Pick<OptionsProps, "origins" | "onRemove">) {
  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">Sites</h2>
      <p>SAML Lens runs only on the Keycloak admin consoles you enabled from its toolbar button.</p>
      {origins === null ? (
        <p>…</p>
      ) : origins.length === 0 ? (
        <p data-testid="no-origins">No site enabled yet.</p>
      ) : (
        <ul class="origins" data-testid="origin-list">
          {origins.map((origin) => (
            <li key={origin.pattern} data-origin={origin.pattern}>
              <span class="origin">{origin.label}</span>
              {!origin.granted && <span class="warning"> (access revoked in the browser: enable it again from the popup)</span>}
              <button type="button" onClick={() => onRemove(origin.pattern)} aria-label={`Remove ${origin.label}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TrustedIdps({ trusted, onForget }: { readonly trusted: OptionsProps["trusted"]; readonly onForget: OptionsProps["onForget"] }) {
  return (
    <section aria-labelledby="trust-title">
      <h2 id="trust-title">IdP certificates and metadata</h2>
      <p>The panel and the recorder check signatures with these, remembered per IdP in this browser only (the Signature tab of a message adds them).</p>
      {trusted === null ? (
        <p>…</p>
      ) : trusted.length === 0 ? (
        <p data-testid="no-trusted">None remembered.</p>
      ) : (
        <ul class="origins" data-testid="trusted-list">
          {trusted.map((idp) => (
            <li key={idp.entityId} data-entity-id={idp.entityId}>
              <div class="origin">
                <div>{idp.entityId}</div>
                <div class="hint" data-testid="trusted-what">
                  {idp.kind === "unreadable" ? "no longer readable (not used)" : idp.kind === "metadata" ? (idp.url === undefined ? "metadata, pasted" : `metadata from ${idp.url}`) : "certificate, pasted"} · saved{" "}
                  {idp.savedAt.slice(0, 10)}
                </div>
                {idp.certificates.map((certificate) => (
                  <div class="hint" key={certificate.sha256Fingerprint} data-testid="trusted-certificate" title={`SHA-256 ${certificate.sha256Fingerprint}`}>
                    {certificate.subject}, valid until {certificate.notAfter.slice(0, 10)}
                  </div>
                ))}
              </div>
              <button type="button" data-testid="trusted-forget" onClick={() => onForget(idp.entityId)} aria-label={`Forget ${idp.entityId}`}>
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Recorder({ cap, onCap }: { readonly cap: number | null; readonly onCap: (cap: number) => void }) {
  return (
    <section aria-labelledby="recorder-title">
      <h2 id="recorder-title">Recorder</h2>
      <label>
        Keep the last{" "}
        <input
          type="number"
          min={1}
          max={10000}
          value={cap ?? ""}
          disabled={cap === null}
          data-testid="options-recorder-cap"
          onChange={(event) => {
            const value = Number(event.currentTarget.value);
            if (Number.isInteger(value) && value >= 1 && value <= 10_000) onCap(value);
          }}
        />{" "}
        requests
      </label>
      <p class="hint">Older requests are dropped as new ones arrive. The recording stays in the browser and is gone when the browser closes.</p>
    </section>
  );
}
