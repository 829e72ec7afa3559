/** The recording, re-rendering the panel at a frame when it changed (at most ten times a second while a capture streams in), and re-analysed when the profile or the trusted certificates change. */
import { useEffect, useMemo, useState } from "preact/hooks";
import { Session } from "./model/session.js";
import { oncePerFrame } from "./once-per-frame.js";
import type { StoredSettings } from "./use-stored-settings.js";
import { useTrustedIdps } from "./use-trust.js";

/** Ten updates a second while a large capture comes in: lively enough, and the page keeps its frames for the user. */
const RENDER_INTERVAL_MS = 100;

/** `deliver` runs the applying of each analysis answer (the panel spreads them over frames). */
export function useSession({ loaded, resolved, trustStore }: Pick<StoredSettings, "loaded" | "resolved" | "trustStore">, workerUrl: string | undefined, deliver?: (work: () => void) => void): Session {
  const [, setVersion] = useState(0);
  // The first rows at once; then one render at a frame, at most every RENDER_INTERVAL_MS, however many batches of rows
  // and verdicts arrived meanwhile (the user's own scrolling and clicks render at once, as always).
  const render = useMemo(() => oncePerFrame(() => setVersion((version) => version + 1), RENDER_INTERVAL_MS), []);
  const session = useMemo(() => {
    let shown = 0;
    const created: Session = new Session({
      onChange: () => {
        const count = created.rows.length;
        if (shown === 0 && count > 0) setVersion((version) => version + 1);
        else render.request();
        shown = count;
      },
      createWorker: workerUrl === undefined ? undefined : () => new Worker(workerUrl),
      deliver,
    });
    return created;
  }, [workerUrl, render, deliver]);
  useEffect(
    () => () => {
      render.cancel();
      session.dispose();
    },
    [session, render],
  );
  const trust = useTrustedIdps(trustStore);
  useEffect(() => {
    if (loaded) session.configure({ profile: resolved, trust });
  }, [loaded, resolved, trust, session]);
  return session;
}
