export type SiteState =
  | { readonly kind: "loading" }
  | { readonly kind: "unsupported"; readonly url: string | null }
  | { readonly kind: "disabled"; readonly pattern: string; readonly label: string }
  /** `consoleRealm`: the tab shows this realm in a Keycloak admin console (the setup wizard can start there). */
  | { readonly kind: "enabled"; readonly pattern: string; readonly label: string; readonly consoleRealm: string | null };

export interface PopupProps {
  readonly site: SiteState;
  readonly error: string | null;
  readonly onEnable: () => void;
  readonly onDisable: () => void;
  readonly onOpenOptions: () => void;
  readonly onOpenRecorder: () => void;
  readonly onStartWizard: () => void;
}

export function Popup({ site, error, onEnable, onDisable, onOpenOptions, onOpenRecorder, onStartWizard }: PopupProps) {
  return (
    <main class="popup">
      <h1>SAML Lens</h1>
      {site.kind === "loading" && <p>…</p>}
      {site.kind === "unsupported" && (
        <p data-testid="site-status">SAML Lens works on http and https pages only.</p>
      )}
      {site.kind === "disabled" && (
        <>
          <p data-testid="site-status">
            Not enabled on <strong>{site.label}</strong>.
          </p>
          <button type="button" class="primary" data-testid="enable-site" onClick={onEnable}>
            Enable on this site
          </button>
          <p class="hint">The browser will ask for access to this site. Reload the page afterwards.</p>
        </>
      )}
      {site.kind === "enabled" && (
        <>
          <p data-testid="site-status">
            Enabled on <strong>{site.label}</strong>.
          </p>
          {site.consoleRealm !== null && (
            <p>
              <button type="button" class="primary" data-testid="start-wizard" onClick={onStartWizard}>
                Set up Sentry SSO
              </button>
              <span class="hint"> in realm {site.consoleRealm}</span>
            </p>
          )}
          <button type="button" data-testid="disable-site" onClick={onDisable}>
            Disable on this site
          </button>
        </>
      )}
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="button" data-testid="open-recorder" onClick={onOpenRecorder}>
          Open the SAML recorder
        </button>
      </p>
      <p>
        <button type="button" class="link" onClick={onOpenOptions}>
          Manage sites
        </button>
      </p>
    </main>
  );
}
