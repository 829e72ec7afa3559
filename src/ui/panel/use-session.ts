/** The recording, re-rendering the panel on every change and re-analysed when the profile or the trusted certificates change. */
import { useEffect, useMemo, useState } from "preact/hooks";
import { Session } from "./model/session.js";
import type { StoredSettings } from "./use-stored-settings.js";
import { useTrustedIdps } from "./use-trust.js";

export function useSession({ loaded, resolved, trustStore }: Pick<StoredSettings, "loaded" | "resolved" | "trustStore">, workerUrl: string | undefined): Session {
  const [, setVersion] = useState(0);
  const session = useMemo(
    () => new Session({ onChange: () => setVersion((version) => version + 1), createWorker: workerUrl === undefined ? undefined : () => new Worker(workerUrl) }),
    [workerUrl],
  );
  useEffect(() => () => session.dispose(), [session]);
  const trust = useTrustedIdps(trustStore);
  useEffect(() => {
    if (loaded) session.configure({ profile: resolved, trust });
  }, [loaded, resolved, trust, session]);
  return session;
}
