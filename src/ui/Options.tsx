export interface OptionsProps {
  readonly origins: readonly { readonly pattern: string; readonly label: string; readonly granted: boolean }[] | null;
  readonly onRemove: (pattern: string) => void;
}

export function Options({ origins, onRemove }: OptionsProps) {
  return (
    <main class="options">
      <h1>SAML Lens — sites</h1>
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
    </main>
  );
}
