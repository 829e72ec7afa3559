/** Live capture from the inspected tab: what the host delivers goes into the session unless paused. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { PanelHost } from "./host.js";
import type { Session } from "./model/session.js";
import { SilenceWatch } from "./model/silence.js";

/** How long the Firefox panel waits after a navigation before it says that no network events arrive. */
const SILENCE_MS = 5000;

export interface CaptureSwitches {
  /** Nothing is captured before the stored settings are loaded. */
  readonly loaded: boolean;
  readonly paused: boolean;
  readonly preserveLog: boolean;
  /** The recording was cleared because the inspected tab navigated away without "Preserve log". */
  readonly onCleared: () => void;
}

export interface CaptureState {
  readonly inspectedUrl: string | null;
  /** Firefox delivered no network event after a navigation (see SilenceWatch). */
  readonly silent: boolean;
}

export function useCapture(host: PanelHost, session: Session, switches: CaptureSwitches): CaptureState {
  const [inspectedUrl, setInspectedUrl] = useState<string | null>(null);
  const [silent, setSilent] = useState(false);
  // Capture callbacks outlive renders; they read the current switches through this ref.
  const live = useRef(switches);
  live.current = switches;
  const { loaded } = switches;

  useEffect(() => {
    if (!loaded) return undefined;
    const controller = new AbortController();
    const silence = new SilenceWatch(SILENCE_MS, setSilent);
    host.connect(
      {
        requests: (entries, when) => {
          if (when === "live") silence.heard();
          if (!live.current.paused) session.add(entries);
        },
        navigated: (url) => {
          setInspectedUrl(url);
          if (!live.current.preserveLog) {
            session.clear();
            live.current.onCleared();
          }
          if (host.browser === "firefox") silence.navigated();
        },
        inspectedUrl: setInspectedUrl,
      },
      controller.signal,
    );
    return () => {
      silence.dispose();
      controller.abort();
    };
  }, [loaded, host, session]);

  return { inspectedUrl, silent };
}
