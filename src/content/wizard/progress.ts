/** The wizard's progress in this tab and realm, kept by the background in storage.session (see background/wizard.ts). */
import { sendMessage } from "../../platform/messages.js";
import type { WizardProgress } from "../../platform/storage.js";

export type { WizardProgress };

export async function loadProgress(realm: string): Promise<WizardProgress | null> {
  const { progress } = await sendMessage("wizard.progress.get", { origin: location.origin, realm });
  return progress;
}

/** `null` ends the wizard for this realm in this tab. */
export async function saveProgress(realm: string, progress: WizardProgress | null): Promise<void> {
  await sendMessage("wizard.progress.set", { origin: location.origin, realm, progress });
}
