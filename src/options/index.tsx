import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { sendMessage } from "../platform/messages.js";
import { patternLabel } from "../platform/origins.js";
import { onRecorderChanged, readRecorderMeta } from "../platform/recorder-store.js";
import { localStore } from "../platform/storage.js";
import { rememberedIdps, withoutIdp } from "../ui/panel/model/trust-list.js";
import { Options, type OptionsProps } from "../ui/Options.js";

function OptionsShell() {
  const [origins, setOrigins] = useState<OptionsProps["origins"]>(null);
  const [trusted, setTrusted] = useState<OptionsProps["trusted"]>(null);
  const [cap, setCap] = useState<number | null>(null);
  const refresh = useCallback(() => {
    void sendMessage("origins.list", {}).then(({ origins: list }) =>
      setOrigins(list.map((origin) => ({ ...origin, label: patternLabel(origin.pattern) }))),
    );
    // Both reads go through the storage schemas: a value that does not match reads as empty.
    void localStore.get("idpTrust", {}).then((stored) => setTrusted(rememberedIdps(stored)));
    void readRecorderMeta().then((state) => setCap(state.cap));
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(
    () =>
      onRecorderChanged(({ meta }) => {
        if (meta !== undefined) setCap(meta.cap);
      }),
    [],
  );
  const onRemove = useCallback((pattern: string) => void sendMessage("origins.disable", { pattern }).then(refresh), [refresh]);
  const onForget = useCallback(
    (entityId: string) =>
      void localStore
        .get("idpTrust", {})
        .then((stored) => localStore.set("idpTrust", withoutIdp(stored, entityId)))
        .then(refresh),
    [refresh],
  );
  const onRecorderCap = useCallback((value: number) => void sendMessage("recorder.set-cap", { cap: value }).then((reply) => setCap(reply.cap)), []);
  return <Options origins={origins} onRemove={onRemove} trusted={trusted} onForget={onForget} recorderCap={cap} onRecorderCap={onRecorderCap} />;
}

const root = document.getElementById("root");
if (root !== null) render(<OptionsShell />, root);
