import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { sendMessage } from "../platform/messages.js";
import { patternLabel } from "../platform/origins.js";
import { Options, type OptionsProps } from "../ui/Options.js";

function OptionsShell() {
  const [origins, setOrigins] = useState<OptionsProps["origins"]>(null);
  const refresh = useCallback(() => {
    void sendMessage("origins.list", {}).then(({ origins: list }) =>
      setOrigins(list.map((origin) => ({ ...origin, label: patternLabel(origin.pattern) }))),
    );
  }, []);
  useEffect(refresh, [refresh]);
  const onRemove = useCallback((pattern: string) => void sendMessage("origins.disable", { pattern }).then(refresh), [refresh]);
  return <Options origins={origins} onRemove={onRemove} />;
}

const root = document.getElementById("root");
if (root !== null) render(<OptionsShell />, root);
