/**
 * Step 6 of the wizard, the test login: the standalone recorder records on Sentry's site and the console's, and the
 * login page opens in a new tab. Recording needs the browser's access to both sites; a content script cannot ask for
 * it (only a click on an extension page can), so when it is missing the wizard says where to grant it.
 */
import { browser } from "../platform/browser.js";
import type { MessageRequest, MessageResponse } from "../platform/messages.js";
import { originPattern, patternLabel, urlMatchesPattern } from "../platform/origins.js";
import { updateRecorder } from "./recorder.js";

type Start = MessageResponse<"wizard.login.start">;

export async function startWizardLogin(request: MessageRequest<"wizard.login.start">): Promise<Start> {
  const since = new Date().toISOString();
  const consolePattern = originPattern(request.consoleOrigin);
  const sentryPattern = originPattern(request.sentryUrl);
  if (consolePattern === null || sentryPattern === null) return { started: false, since, reason: "Sentry's address or the console's is not an http(s) URL." };
  const patterns = [...new Set([sentryPattern, consolePattern])];
  // The login page is Keycloak's (IdP-initiated) or Sentry's: never any other site.
  if (!patterns.some((pattern) => urlMatchesPattern(request.loginUrl, pattern))) return { started: false, since, reason: "The login page is neither on Sentry nor on Keycloak." };
  const granted = await browser.permissions.contains({ origins: patterns });
  if (!granted) {
    return {
      started: false,
      since,
      reason:
        `SAML Lens may not read ${patterns.map(patternLabel).join(" and ")} yet. Open the SAML recorder, type those sites, ` +
        "press Start recording (the browser asks you once), then test the login again.",
    };
  }
  // Recording goes on for the sites already recorded: the user may be recording something else too.
  let added: string[] = [];
  await updateRecorder(({ problem: _problem, ...state }) => {
    const before = state.recording ? state.origins : [];
    added = patterns.filter((pattern) => !before.includes(pattern));
    return { ...state, recording: true, origins: [...new Set([...before, ...patterns])] };
  });
  await browser.tabs.create({ url: request.loginUrl });
  return { started: true, since, added };
}

/** The wizard ended: the sites its test login added are recorded no more; recording stops when none is left. */
export async function stopWizardLogin(request: MessageRequest<"wizard.login.stop">): Promise<MessageResponse<"wizard.login.stop">> {
  const state = await updateRecorder((current) => {
    const origins = current.origins.filter((pattern) => !request.patterns.includes(pattern));
    return { ...current, origins, recording: current.recording && origins.length > 0 };
  });
  return { recording: state.recording };
}
