/** Panel shell: wires DevTools APIs to the Preact panel. Opened as a plain tab it still renders (tests, recorder). */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { hasDevtools, watchInspectedUrl } from "../platform/devtools.js";
import { Panel } from "../ui/Panel.js";

function PanelShell() {
  const attached = hasDevtools();
  const [inspectedUrl, setInspectedUrl] = useState<string | null>(null);
  useEffect(() => {
    if (attached) watchInspectedUrl(setInspectedUrl);
  }, [attached]);
  return <Panel attached={attached} inspectedUrl={inspectedUrl} messages={[]} />;
}

const root = document.getElementById("root");
if (root !== null) render(<PanelShell />, root);
