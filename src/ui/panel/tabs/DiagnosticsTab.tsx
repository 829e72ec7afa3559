import { useEffect, useMemo, useState } from "preact/hooks";
import type { AnalyzedMessage } from "../../../core/analyze/result.js";
import type { Finding } from "../../../core/rules/rule.js";
import { consoleUrl, keycloakClientOf, settingTab, type ConsoleClient, type KeycloakClientRef, type LookupConsoleClient } from "../model/console-link.js";

const QUIRK_TEXT: Record<string, string> = {
  "deflated-post": "The POSTed value was DEFLATEd (the SP does not inflate POSTed messages).",
  "zlib-header": "The DEFLATE data had a zlib header in front.",
  "not-deflated": "A Redirect-binding message that was not DEFLATEd.",
  "byte-order-mark": "The XML starts with a byte-order mark.",
  "legacy-encoding": "The XML was not UTF-8.",
};

export interface DiagnosticsTabProps {
  readonly message: AnalyzedMessage;
  /** Absent outside the extension (no storage to ask): no console links then. */
  readonly lookupConsoleClient: LookupConsoleClient | undefined;
}

export function DiagnosticsTab({ message, lookupConsoleClient }: DiagnosticsTabProps) {
  const fit = message.findings.filter((finding) => finding.kind !== "security");
  const security = message.findings.filter((finding) => finding.kind === "security");
  const { client, answered } = useConsoleClient(message, lookupConsoleClient);
  return (
    // Whether the extension has answered where the message's client is in the console (links follow that answer).
    <div data-testid="tab-diagnostics" data-console-lookup={answered ? "answered" : "pending"}>
      {fit.length === 0 ? (
        <p data-testid="no-findings">No problem found: every check the receiver makes passes.</p>
      ) : (
        <ol class="findings">
          {fit.map((finding, index) => (
            <FindingItem key={index} finding={finding} message={message} client={client} />
          ))}
        </ol>
      )}
      {security.length > 0 && (
        <section data-testid="security-findings">
          <h3>Security</h3>
          <p class="hint">What an auditor would flag. None of it changes whether the {message.receiver === "sp" ? "SP" : "IdP"} accepts this message.</p>
          <ol class="findings">
            {security.map((finding, index) => (
              <FindingItem key={index} finding={finding} message={message} client={client} />
            ))}
          </ol>
        </section>
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

interface FindingItemProps {
  readonly finding: Finding;
  readonly message: AnalyzedMessage;
  readonly client: KnownClient | undefined;
}

/** One finding, as text nodes only (messages quote SAML content). */
function FindingItem({ finding, message, client }: FindingItemProps) {
  return (
    <li
      class={`finding severity-${finding.severity}${finding.kind === "security" ? " security" : ""}`}
      data-testid={finding.kind === "security" ? "security-finding" : "finding"}
      data-finding-id={finding.id}
    >
      <div class="finding-head">
        <span class={`badge severity-${finding.severity}`}>{finding.severity}</span>
        {finding.kind === "security" && <span class="badge security">security</span>}
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
        {client !== undefined && <ConsoleLink client={client} fix={finding.fix} />}
      </p>
      {finding.receiverMessage !== undefined && (
        <p class="receiver">
          {message.receiver === "sp" ? "python3-saml / Sentry says: " : "Keycloak says: "}
          <q data-testid="finding-receiver-message">{finding.receiverMessage}</q>
        </p>
      )}
      <p class="source hint">Source: {finding.source}</p>
    </li>
  );
}

type KnownClient = { ref: KeycloakClientRef; known: ConsoleClient };

/**
 * The message's Keycloak client as the extension knows it (`client` stays `undefined` until known, and where the
 * overlay is off); `answered` once the extension has said so either way.
 */
function useConsoleClient(message: AnalyzedMessage, lookup: LookupConsoleClient | undefined): { client: KnownClient | undefined; answered: boolean } {
  const ref = useMemo(() => keycloakClientOf(message), [message]);
  const [state, setState] = useState<{ client: KnownClient | undefined; answered: boolean }>({ client: undefined, answered: false });
  useEffect(() => {
    const settled = ref === undefined || lookup === undefined;
    setState({ client: undefined, answered: settled });
    if (settled) return undefined;
    let current = true;
    lookup(ref).then(
      (known) => {
        if (current) setState({ client: known.enabled ? { ref, known } : undefined, answered: true });
      },
      () => {
        if (current) setState({ client: undefined, answered: true });
      },
    );
    return () => {
      current = false;
    };
  }, [ref, lookup]);
  return state;
}

function ConsoleLink({ client, fix }: { readonly client: KnownClient; readonly fix: string }) {
  const tab = settingTab(fix);
  if (tab === undefined) return null;
  const { url, exact } = consoleUrl(client.ref, client.known.uuid, tab);
  return (
    <>
      {" "}
      <a
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="open-in-keycloak"
        data-exact={exact}
        title={exact ? `${client.ref.clientId ?? "the client"} in realm ${client.ref.realm}` : `SAML Lens has not seen ${client.ref.clientId ?? "this client"} in the console yet: opens the realm's client list`}
      >
        {exact ? "Open in Keycloak" : "Open the realm's clients in Keycloak"}
      </a>
    </>
  );
}
