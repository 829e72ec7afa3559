/** Where the wizard sends the user on Sentry's side and on Keycloak's for the test login. */
import type { LoginView } from "./model.js";
import type { WizardProgress } from "./progress.js";

const SENTRY_SAAS = "https://sentry.io";

export function sentryUrlPrefix(progress: Pick<WizardProgress, "kind" | "urlPrefix">): string {
  return progress.kind === "sentry-saas" ? SENTRY_SAAS : progress.urlPrefix.replace(/\/+$/, "");
}

export function loginUrls(progress: WizardProgress, keycloakUrl: string, realm: string): Omit<LoginView, "state"> & { readonly acsUrl: string } {
  const prefix = sentryUrlPrefix(progress);
  const slug = encodeURIComponent(progress.orgSlug);
  return {
    idpInitiatedUrl: `${keycloakUrl.replace(/\/+$/, "")}/realms/${encodeURIComponent(realm)}/protocol/saml/clients/${slug}`,
    sentryLoginUrl: `${prefix}/auth/login/${slug}/`,
    acsUrl: `${prefix}/saml/acs/${slug}/`,
  };
}
