/**
 * What the panel needs from its surroundings. The DevTools shell implements it with browser APIs; opened as a plain
 * page (no DevTools) the same shell still provides storage, and capture simply never delivers anything.
 */
import type { CapturedEntry } from "./model/entry.js";
import type { LookupConsoleClient } from "./model/console-link.js";
import type { FetchText } from "./model/metadata-url.js";
import type { PanelProfile } from "./model/profile.js";
import type { StoredTrust } from "./model/trust-store.js";

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
  /** Calls `listener` when the trusted certificates change elsewhere (the options page forgets one); until the returned function is called. */
  readonly watchTrust?: (listener: (trust: StoredTrust) => void) => () => void;
  readonly savePreserveLog: (preserve: boolean) => Promise<void>;
  /**
   * Fetches a URL the user asked for (IdP metadata), asking the browser for that origin's permission first. Must be
   * called straight from a click handler, before any await: the browser grants permissions only to a user gesture.
   */
  readonly fetchText?: FetchText;
  /** Whether the user enabled the overlay on that Keycloak, and the client's console UUID once the overlay saw it. */
  readonly lookupConsoleClient?: LookupConsoleClient;
  /** The import worker's script (src/workers/import-worker.ts as built); without it, files are read on the UI thread. */
  readonly importWorkerUrl?: string;
  /** The analysis worker's script (src/workers/analysis-worker.ts as built); without it, messages are analysed on the UI thread. */
  readonly analysisWorkerUrl?: string;
  /** Clear: forgets what the capture stored outside this page too, so that a reload does not bring it back. */
  readonly forgetCaptured?: () => void;
  /** Opens the standalone recorder (offered when DevTools delivers no network events). */
  readonly openRecorder?: () => void;
  /** Starts delivering capture events until `signal` aborts. */
  readonly connect: (events: CaptureEvents, signal: AbortSignal) => void;
}
