import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { browser } from "../platform/browser.js";
import { sendMessage } from "../platform/messages.js";
import { originPattern, patternLabel } from "../platform/origins.js";
import { openRecorderTab } from "../platform/recorder-store.js";
import { parseConsolePage } from "../core/keycloak/console-routes.js";
import { Popup, type SiteState } from "../ui/Popup.js";

/** The tab the popup acts on: the active tab, or `?tabId=` when the popup page is opened as a tab of its own. */
async function targetTab(): Promise<{ id: number | null; url: string | null }> {
  const requested = Number(new URLSearchParams(location.search).get("tabId"));
  const tab = Number.isInteger(requested) && requested > 0 ? await browser.tabs.get(requested) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return { id: tab?.id ?? null, url: tab?.url ?? null };
}

async function targetTabUrl(): Promise<string | null> {
  return (await targetTab()).url;
}

async function loadState(): Promise<SiteState> {
  const url = await targetTabUrl();
  const pattern = url === null ? null : originPattern(url);
  if (pattern === null) return { kind: "unsupported", url };
  const { origins } = await sendMessage("origins.list", {});
  const enabled = origins.some((origin) => origin.pattern === pattern && origin.granted);
  if (!enabled) return { kind: "disabled", pattern, label: patternLabel(pattern) };
  return { kind: "enabled", pattern, label: patternLabel(pattern), consoleRealm: url === null ? null : parseConsolePage(url).realm };
}

function PopupShell() {
  const [site, setSite] = useState<SiteState>({ kind: "loading" });
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    loadState().then(setSite, (reason: unknown) => setError(String(reason)));
  }, []);
  useEffect(refresh, [refresh]);

  const onEnable = useCallback(() => {
    if (site.kind !== "disabled") return;
    // permissions.request must run in the click's own call stack: no await before it.
    browser.permissions
      .request({ origins: [site.pattern] })
      .then(async (granted) => {
        if (!granted) {
          setError("Access was not granted, so SAML Lens stays off on this site.");
          return;
        }
        const result = await sendMessage("origins.enable", { pattern: site.pattern });
        setError(result.enabled ? null : (result.reason ?? "Could not enable this site."));
        refresh();
      })
      .catch((reason: unknown) => setError(String(reason)));
  }, [site, refresh]);

  const onDisable = useCallback(() => {
    if (site.kind !== "enabled") return;
    sendMessage("origins.disable", { pattern: site.pattern }).then(refresh, (reason: unknown) => setError(String(reason)));
  }, [site, refresh]);

  const onStartWizard = useCallback(() => {
    targetTab()
      .then(async (tab) => {
        if (tab.id === null) return;
        const result = await sendMessage("wizard.start-in-tab", { tabId: tab.id });
        if (!result.started) setError(result.reason ?? "The wizard could not start in this tab.");
        // The wizard is docked in the console: the popup would only cover it.
        else if (!location.search.includes("tabId=")) window.close();
      })
      .catch((reason: unknown) => setError(String(reason)));
  }, []);

  return (
    <Popup
      onStartWizard={onStartWizard}
      site={site}
      error={error}
      onEnable={onEnable}
      onDisable={onDisable}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
      onOpenRecorder={() => void openRecorderTab()}
    />
  );
}

const root = document.getElementById("root");
if (root !== null) render(<PopupShell />, root);
