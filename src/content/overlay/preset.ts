/**
 * The Sentry preset of the client shown: the user's stored choice for this client, else one inferred from its Client
 * ID, else none (the card then asks). Choosing one stores it for the client.
 */
import type { PresetChoice as OverlayPreset } from "../../core/presets/choice.js";
import { presetStorageKey, rememberPreset, storedPreset } from "../preset-choice.js";
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import { presetFromClientId } from "../sentry-client-id.js";

/** Being read, none yet (with what was wrong with the last choice), or chosen. */
export type PresetState = { readonly kind: "loading" } | { readonly kind: "none"; readonly problem: string | null } | { readonly kind: "chosen"; readonly preset: OverlayPreset; readonly inferred: boolean };

export class ClientPreset {
  state: PresetState = { kind: "loading" };
  /** The card shows the preset's form although a preset is chosen (the user pressed Change). */
  editing = false;
  private readonly storageKey: string;

  constructor(
    route: ClientRoute,
    private readonly signal: AbortSignal,
  ) {
    this.storageKey = presetStorageKey(location.origin, route.realm, route.clientUuid);
  }

  /** Not known yet: still loading, or none while the client (whose Client ID may tell) is not loaded. */
  unresolved(clientLoaded: boolean): boolean {
    return this.state.kind === "loading" || (this.state.kind === "none" && clientLoaded);
  }

  /** The stored choice, or the one the saved client's Client ID implies. */
  async resolve(clientId: unknown): Promise<void> {
    const stored = await storedPreset(this.storageKey);
    if (this.signal.aborted) return;
    if (stored !== null) {
      this.state = { kind: "chosen", preset: stored, inferred: false };
      return;
    }
    if (typeof clientId !== "string") return;
    const inferred = presetFromClientId(clientId);
    this.state = inferred === null ? { kind: "none", problem: null } : { kind: "chosen", preset: inferred, inferred: true };
  }

  /** The user's choice: `false` when it lacks what a preset needs (the state then says what). */
  async choose(preset: OverlayPreset): Promise<boolean> {
    if (preset.orgSlug === "" || (preset.kind === "sentry-self-hosted" && preset.urlPrefix === "")) {
      this.state = { kind: "none", problem: "Give the Sentry URL and the organization slug." };
      return false;
    }
    await rememberPreset(this.storageKey, preset);
    if (this.signal.aborted) return false;
    this.state = { kind: "chosen", preset, inferred: false };
    this.editing = false;
    return true;
  }

  /** Chosen, and not being edited: checks run against it. */
  chosen(): OverlayPreset | null {
    return this.state.kind === "chosen" && !this.editing ? this.state.preset : null;
  }
}
