/**
 * Step 6, the test login: where a login starts (Keycloak's IdP-initiated URL for the client, or Sentry's own SSO
 * page), and what the wizard shows while it waits for the recorder to capture the SAML Response.
 */
import { idpInitiatedSsoUrl } from "../../core/keycloak/urls.js";
import type { ContentMessageResponse } from "../../platform/messages.js";
import type { WizardProgress } from "./progress.js";

export type LoginVerdict = ContentMessageResponse<"recorder.verdict">;

export type LoginState =
  | { readonly kind: "idle" }
  | { readonly kind: "starting" }
  /** Recording; the login runs in its own tab. */
  | { readonly kind: "waiting" }
  /** The recorder could not start (no access to a site yet). */
  | { readonly kind: "blocked"; readonly reason: string }
  | { readonly kind: "verdict"; readonly verdict: LoginVerdict };

export interface LoginView {
  /** `K/realms/R/protocol/saml/clients/<IDP-Initiated SSO URL name>`; the wizard set that name to the org slug. */
  readonly idpInitiatedUrl: string;
  /** Sentry's SSO login page for the organization. */
  readonly sentryLoginUrl: string;
  readonly state: LoginState;
}

const SENTRY_SAAS = "https://sentry.io";

export function sentryUrlPrefix(progress: Pick<WizardProgress, "kind" | "urlPrefix">): string {
  return progress.kind === "sentry-saas" ? SENTRY_SAAS : progress.urlPrefix.replace(/\/+$/, "");
}

export function loginUrls(progress: WizardProgress, keycloakUrl: string, realm: string): Omit<LoginView, "state"> & { readonly acsUrl: string } {
  const prefix = sentryUrlPrefix(progress);
  const slug = encodeURIComponent(progress.orgSlug);
  return {
    idpInitiatedUrl: idpInitiatedSsoUrl(keycloakUrl, realm, slug),
    sentryLoginUrl: `${prefix}/auth/login/${slug}/`,
    acsUrl: `${prefix}/saml/acs/${slug}/`,
  };
}
