/** A Client ID of Sentry's shape (its SP entity ID, `<url prefix>/saml/metadata/<org>/`) names the Sentry to check against. */
import type { PresetChoice as OverlayPreset } from "../core/presets/choice.js";

const SENTRY_CLIENT_ID = /^\s*(https?:\/\/[^\s/]+(?:\/[^\s]*?)?)\/saml\/metadata\/([^/\s]+)\/*\s*$/i;
const SENTRY_SAAS_HOST = /^https?:\/\/(?:[a-z0-9-]+\.)?sentry\.io$/i;

export function presetFromClientId(clientId: string): OverlayPreset | null {
  const match = SENTRY_CLIENT_ID.exec(clientId);
  if (match === null) return null;
  const urlPrefix = match[1] ?? "";
  const orgSlug = match[2] ?? "";
  if (SENTRY_SAAS_HOST.test(urlPrefix)) return { kind: "sentry-saas", orgSlug };
  return { kind: "sentry-self-hosted", urlPrefix, orgSlug };
}

