import type { Header } from "../model/entry.js";
import type { Row } from "../model/session.js";
import { CopyButton } from "../CopyButton.js";
import { Field, Fields } from "./Fields.js";

export function HttpTab({ row }: { readonly row: Row }) {
  const { http, captured } = row;
  return (
    <div data-testid="tab-http">
      <Fields>
        <Field label="Method" value={http.method} testId="http-method" />
        <Field label="URL" value={http.url} testId="http-url" />
        <Field label="Status" value={http.status === undefined ? undefined : `${http.status}${http.statusText === undefined ? "" : ` ${http.statusText}`}`} testId="http-status" />
        <Field label="Location" value={http.location} testId="http-location" />
        <Field label="Started" value={http.startedAt} />
        <Field label="Binding" value={`${captured.binding}, parameter ${captured.parameter}`} />
        <Field label="RelayState" value={captured.relayState} testId="http-relaystate" />
        {captured.binding === "HTTP-Redirect" && <Field label="SigAlg" value={captured.sigAlg} />}
        {captured.binding === "HTTP-Redirect" && <Field label="Signature" value={captured.signature} />}
      </Fields>
      <section>
        <h3>
          {captured.parameter} value <CopyButton text={captured.value} label="Copy" />
        </h3>
        <pre class="raw-value mono">{captured.value}</pre>
      </section>
      <Headers title="Request headers" headers={http.requestHeaders} />
      <Headers title="Response headers" headers={http.responseHeaders} />
    </div>
  );
}

function Headers({ title, headers }: { readonly title: string; readonly headers: readonly Header[] }) {
  return (
    <section>
      <h3>{title}</h3>
      {headers.length === 0 ? (
        <p class="hint">None recorded.</p>
      ) : (
        <table class="headers">
          <tbody>
            {headers.map((header, index) => (
              <tr key={index}>
                <th class="mono">{header.name}</th>
                <td class="mono">{header.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
