/**
 * The "Set up Sentry SSO" wizard's progress per tab and realm, in storage.session: content scripts cannot reach that
 * area, and only the background knows which tab asks. The wizard's own code (wizard.js) is injected into a tab only
 * while the tab has progress, so the content script that runs on every console page stays small.
 */
import { parseConsolePage } from "../core/keycloak/console-routes.js";
import { HUB_KEY } from "../content/wizard/hub.js";
import { browser, type Runtime } from "../platform/browser.js";
import type { MessageRequest, MessageResponse } from "../platform/messages.js";
import { sessionStore, type WizardProgress } from "../platform/storage.js";

const FIRST_STEP: WizardProgress = { step: "where", kind: "sentry-self-hosted", urlPrefix: "", orgSlug: "" };

function progressKey(tabId: number | undefined, origin: string, realm: string): string {
  return `${tabId ?? "?"} ${origin} ${realm}`;
}

export async function wizardProgress(request: MessageRequest<"wizard.progress.get">, sender: Runtime.MessageSender): Promise<MessageResponse<"wizard.progress.get">> {
  const all = await sessionStore.get("wizardProgress", {});
  return { progress: all[progressKey(sender.tab?.id, request.origin, request.realm)] ?? null };
}

export async function saveWizardProgress(request: MessageRequest<"wizard.progress.set">, sender: Runtime.MessageSender): Promise<MessageResponse<"wizard.progress.set">> {
  await storeProgress(progressKey(sender.tab?.id, request.origin, request.realm), request.progress);
  return { saved: true };
}

async function storeProgress(key: string, progress: WizardProgress | null): Promise<void> {
  const all = { ...(await sessionStore.get("wizardProgress", {})) };
  if (progress === null) delete all[key];
  else all[key] = progress;
  await sessionStore.set("wizardProgress", all);
}

export async function openWizard(request: MessageRequest<"wizard.open">, sender: Runtime.MessageSender): Promise<MessageResponse<"wizard.open">> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { opened: false };
  return { opened: await openWizardInTab(tabId, sender.frameId ?? 0, request.origin, request.realm, request.start ? FIRST_STEP : null) };
}

/**
 * `initial`: the progress to start with when the tab has none for the realm (`null`: only resume). Returns whether
 * the wizard now runs in the tab.
 */
async function openWizardInTab(tabId: number, frameId: number, origin: string, realm: string, initial: WizardProgress | null): Promise<boolean> {
  const key = progressKey(tabId, origin, realm);
  const existing = (await sessionStore.get("wizardProgress", {}))[key];
  if (existing === undefined) {
    if (initial === null) return false;
    await storeProgress(key, initial);
  }
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ["wizard.js"] });
  return true;
}

/** The popup's start: the realm comes from the tab's console route. */
export async function startWizardInTab({ tabId }: MessageRequest<"wizard.start-in-tab">): Promise<MessageResponse<"wizard.start-in-tab">> {
  const tab = await browser.tabs.get(tabId);
  const url = tab.url ?? "";
  const realm = parseConsolePage(url).realm;
  if (realm === null) return { started: false, reason: "Open a realm in the Keycloak admin console first (the wizard works on the realm shown)." };
  // wizard.js attaches to the content script; it is missing when the site was enabled after the page loaded.
  const [probe] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: (key: string) => key in globalThis, args: [HUB_KEY] });
  if (probe?.result !== true) return { started: false, reason: "Reload the admin console page, then start again: SAML Lens is not running in it yet." };
  await openWizardInTab(tabId, 0, new URL(url).origin, realm, FIRST_STEP);
  return { started: true };
}
