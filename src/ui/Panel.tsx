/** The DevTools panel UI. No browser APIs here: the shell passes everything in, so the panel runs as a plain page. */
export interface PanelProps {
  /** URL of the inspected tab, or null when not attached to DevTools. */
  readonly inspectedUrl: string | null;
  readonly attached: boolean;
  readonly messages: readonly { readonly id: string; readonly label: string }[];
}

export function Panel({ inspectedUrl, attached, messages }: PanelProps) {
  return (
    <main class="panel">
      <header class="panel-header">
        <h1>SAML</h1>
        <span class="inspected" data-testid="inspected-url" title={inspectedUrl ?? undefined}>
          {attached ? (inspectedUrl ?? "…") : "Not attached to DevTools"}
        </span>
      </header>
      {messages.length === 0 ? (
        <p class="empty" data-testid="empty-list">
          No SAML messages captured yet. Sign in through your IdP with this panel open.
        </p>
      ) : (
        <ul class="message-list" data-testid="message-list">
          {messages.map((message) => (
            <li key={message.id}>{message.label}</li>
          ))}
        </ul>
      )}
    </main>
  );
}
