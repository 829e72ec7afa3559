/**
 * What the panel needs from its surroundings. The DevTools shell implements it with browser APIs; opened as a plain
 * page (no DevTools) the same shell still provides storage, and capture simply never delivers anything.
 */
import type { CapturedEntry } from "./model/entry.js";
import type { PanelProfile } from "./model/profile.js";

export type StoredTrust = Readonly<Record<string, { readonly text: string; readonly savedAt: string }>>;

export interface StoredPanelSettings {
  readonly profile: PanelProfile;
  readonly trust: StoredTrust;
  readonly preserveLog: boolean;
}

export interface CaptureEvents {
  /** Requests of the inspected tab, in order; `earlier` ones happened before the panel was opened. */
  readonly requests: (entries: readonly CapturedEntry[], when: "earlier" | "live") => void;
  readonly navigated: (url: string) => void;
  readonly inspectedUrl: (url: string) => void;
}

export interface PanelHost {
  /** Inside DevTools (capture works) or a plain page (import only). */
  readonly attached: boolean;
  readonly browser: "chrome" | "firefox";
  readonly load: () => Promise<StoredPanelSettings>;
  readonly saveProfile: (profile: PanelProfile) => Promise<void>;
  readonly saveTrust: (trust: StoredTrust) => Promise<void>;
  readonly savePreserveLog: (preserve: boolean) => Promise<void>;
  /** Opens the standalone recorder (offered when DevTools delivers no network events). */
  readonly openRecorder?: () => void;
  /** Starts delivering capture events until `signal` aborts. */
  readonly connect: (events: CaptureEvents, signal: AbortSignal) => void;
}
