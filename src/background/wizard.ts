/**
 * The "Set up Sentry SSO" wizard's progress per tab and realm, in storage.session: content scripts cannot reach that
 * area, and only the background knows which tab asks.
 */
import type { Runtime } from "../platform/browser.js";
import type { ContentMessageRequest, ContentMessageResponse } from "../platform/messages.js";
import { sessionStore } from "../platform/storage.js";

function progressKey(sender: Runtime.MessageSender, origin: string, realm: string): string {
  return `${sender.tab?.id ?? "?"} ${origin} ${realm}`;
}

export async function wizardProgress(request: ContentMessageRequest<"wizard.progress.get">, sender: Runtime.MessageSender): Promise<ContentMessageResponse<"wizard.progress.get">> {
  const all = await sessionStore.get("wizardProgress", {});
  return { progress: all[progressKey(sender, request.origin, request.realm)] ?? null };
}

export async function saveWizardProgress(request: ContentMessageRequest<"wizard.progress.set">, sender: Runtime.MessageSender): Promise<ContentMessageResponse<"wizard.progress.set">> {
  const all = { ...(await sessionStore.get("wizardProgress", {})) };
  const key = progressKey(sender, request.origin, request.realm);
  if (request.progress === null) delete all[key];
  else all[key] = request.progress;
  await sessionStore.set("wizardProgress", all);
  return { saved: true };
}
