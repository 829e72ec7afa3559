/** Where the wizard sends the user on Sentry's side and on Keycloak's for the test login. */
import { presetChoiceOf, sentryUrlPrefixOf } from "../../core/presets/choice.js";
import { idpInitiatedSsoUrl } from "../../core/keycloak/urls.js";
import { sentryEndpoints } from "../../core/presets/sentry-sp.js";
import type { LoginView } from "./model.js";
import type { WizardProgress } from "./progress.js";

export function loginUrls(progress: WizardProgress, keycloakUrl: string, realm: string): Omit<LoginView, "state"> & { readonly acsUrl: string } {
  const slug = encodeURIComponent(progress.orgSlug);
  const sentry = sentryEndpoints(sentryUrlPrefixOf(presetChoiceOf(progress)), slug);
  return {
    idpInitiatedUrl: idpInitiatedSsoUrl(keycloakUrl, realm, slug),
    sentryLoginUrl: sentry.loginUrl,
    acsUrl: sentry.acsUrl,
  };
}
