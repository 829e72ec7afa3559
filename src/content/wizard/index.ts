/**
 * wizard.js: injected by the background into a console tab when the user starts "Set up Sentry SSO" or when the tab
 * has progress to resume. Injected again while it runs (the user starts anew after a cancel), it only reloads the
 * progress.
 */
import { findHub } from "./hub.js";
import { SetupWizard } from "./wizard.js";

const hub = findHub();
// Without content.js (the page is no console, or the extension was reloaded under it) there is nothing to attach to.
if (hub !== null) {
  if (hub.wizard === null) hub.wizard = new SetupWizard(document, hub);
  else hub.wizard.resume();
}
