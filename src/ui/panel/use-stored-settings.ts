/** What the panel keeps in the host's storage: the SP profile, the trusted IdP certificates and "Preserve log". */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { PanelHost } from "./host.js";
import { NO_PROFILE, resolveProfile, type PanelProfile, type ResolvedProfile } from "./model/profile.js";
import { TrustStore } from "./model/trust-store.js";

export interface StoredSettings {
  /** False until storage answered; nothing is recorded or analysed before. */
  readonly loaded: boolean;
  readonly profile: PanelProfile;
  readonly resolved: ResolvedProfile;
  readonly changeProfile: (profile: PanelProfile) => void;
  readonly preserveLog: boolean;
  readonly changePreserveLog: (preserve: boolean) => void;
  readonly trustStore: TrustStore;
}

export function useStoredSettings(host: PanelHost): StoredSettings {
  const trustStore = useMemo(() => new TrustStore({ save: host.saveTrust, fetchText: host.fetchText }), [host]);
  const [loaded, setLoaded] = useState(false);
  const [profile, setProfile] = useState<PanelProfile>(NO_PROFILE);
  const [preserveLog, setPreserveLog] = useState(true);
  const resolved = useMemo(() => resolveProfile(profile), [profile]);
  // What the user changed before storage answered stays as the user set it (storage's older value must not undo it).
  const userChanged = useRef({ profile: false, preserveLog: false });

  useEffect(() => {
    let cancelled = false;
    void host.load().then((stored) => {
      if (cancelled) return;
      if (!userChanged.current.profile) setProfile(stored.profile);
      trustStore.load(stored.trust);
      if (!userChanged.current.preserveLog) setPreserveLog(stored.preserveLog);
      setLoaded(true);
    });
    // Forgotten on the options page (or changed in another panel): this panel follows.
    const unwatch = host.watchTrust?.((stored) => {
      if (!cancelled) trustStore.load(stored);
    });
    return () => {
      cancelled = true;
      unwatch?.();
    };
  }, [host, trustStore]);

  return {
    loaded,
    profile,
    resolved,
    changeProfile: (next) => {
      userChanged.current.profile = true;
      setProfile(next);
      void host.saveProfile(next);
    },
    preserveLog,
    changePreserveLog: (preserve) => {
      userChanged.current.preserveLog = true;
      setPreserveLog(preserve);
      void host.savePreserveLog(preserve);
    },
    trustStore,
  };
}
