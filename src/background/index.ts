/** Background (Chrome service worker / Firefox event page). Stateless: everything it knows is in storage. */
import { browser } from "../platform/browser.js";
import { disableOrigin, enableOrigin, enabledOrigins, syncContentScripts } from "../platform/content-scripts.js";
import { listen } from "../platform/messages.js";
import { openRecorderTab } from "../platform/recorder-store.js";
import { sessionStore } from "../platform/storage.js";
import { checkOverlayClient } from "./overlay-check.js";
import { installRecorder, recorderHandlers } from "./recorder.js";
import { openWizard, saveWizardProgress, startWizardInTab, wizardProgress } from "./wizard.js";
import { prepareWizardClient } from "./wizard-client.js";
import { recorderVerdict } from "./recorder-verdict.js";
import { startWizardLogin, stopWizardLogin } from "./wizard-login.js";

declare const __VERSION__: string;

listen({
  ping: async () => {
    const pingCount = (await sessionStore.get("pingCount", 0)) + 1;
    await sessionStore.set("pingCount", pingCount);
    let workerStartedAt = await sessionStore.get("workerStartedAt", "");
    if (workerStartedAt === "") {
      workerStartedAt = new Date().toISOString();
      await sessionStore.set("workerStartedAt", workerStartedAt);
    }
    return { pong: true, version: __VERSION__, pingCount, workerStartedAt };
  },
  "origins.list": async () => ({ origins: await enabledOrigins() }),
  "origins.enable": async ({ pattern }) => enableOrigin(pattern),
  "origins.disable": async ({ pattern }) => {
    await disableOrigin(pattern);
    // Give the access back too: the user removed the site, so the extension should no longer be able to read it.
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    return { disabled: true };
  },
  "wizard.start-in-tab": startWizardInTab,
  ...recorderHandlers,
  "overlay.check": checkOverlayClient,
  "wizard.progress.get": wizardProgress,
  "wizard.progress.set": saveWizardProgress,
  "wizard.open": openWizard,
  "wizard.prepare": prepareWizardClient,
  "wizard.login.start": startWizardLogin,
  "wizard.login.stop": stopWizardLogin,
  "recorder.verdict": recorderVerdict,
  "wizard.recorder.open": async () => {
    await openRecorderTab();
    return { opened: true };
  },
});

installRecorder();

browser.runtime.onInstalled.addListener(() => void syncContentScripts());
browser.runtime.onStartup.addListener(() => void syncContentScripts());
// The user may revoke or grant access from the browser's own UI.
browser.permissions.onRemoved.addListener(() => void syncContentScripts());
browser.permissions.onAdded.addListener(() => void syncContentScripts());
