/**
 * Which Sentry organization a client is checked against: the one its Client ID names when it has Sentry's shape
 * (`<url prefix>/saml/metadata/<org>/`), otherwise the one the user chose once for this realm and client.
 */
import type { PresetChoice as OverlayPreset } from "../core/presets/choice.js";
import { contentStore as localStore } from "../platform/content-store.js";

export function presetStorageKey(origin: string, realm: string, clientUuid: string): string {
  return `${origin} ${realm} ${clientUuid}`;
}

export async function storedPreset(key: string): Promise<OverlayPreset | null> {
  const presets = await localStore.get("overlayPresets", {});
  return presets[key] ?? null;
}

export async function rememberPreset(key: string, preset: OverlayPreset | null): Promise<void> {
  const presets = { ...(await localStore.get("overlayPresets", {})) };
  if (preset === null) delete presets[key];
  else presets[key] = preset;
  await localStore.set("overlayPresets", presets);
}

export function describePreset(preset: OverlayPreset): string {
  return preset.kind === "sentry-saas" ? `sentry.io · ${preset.orgSlug}` : `${preset.urlPrefix} · ${preset.orgSlug}`;
}
