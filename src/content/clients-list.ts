/**
 * The realm's Clients list: a small marker next to each SAML client that has errors for the Sentry it is checked
 * against (the one its Client ID names, or the one the user chose on its page). The clients come from the console's own
 * list response (page bridge); clients with no known Sentry get no marker, since there is nothing to check them against.
 */
import { sendMessage } from "../platform/overlay-messages.js";
import type { PresetChoice as OverlayPreset } from "../core/presets/choice.js";
import { contentStore as localStore } from "../platform/content-store.js";
import { domOf, OVERLAY_ATTRIBUTE } from "./dom.js";
import { timed } from "./overlay/busy.js";
import { clientKey, connectPageBridge } from "./page-bridge.js";
import { presetStorageKey } from "./preset-choice.js";
import { clientListLinks, consoleIsDark, watchTheme } from "./selectors.js";
import { presetFromClientId } from "./sentry-client-id.js";
import { applyStyles, MARKER_CSS } from "./styles.js";

export interface ClientsListOptions {
  readonly keycloakUrl: string;
}

interface Verdict {
  readonly request: string;
  readonly errors: number;
  readonly first: string;
}

export function startClientsListMarkers(doc: Document, realm: string, options: ClientsListOptions, signal: AbortSignal): void {
  const bridge = connectPageBridge();
  const verdicts = new Map<string, Verdict>();
  const markers = new Map<string, HTMLElement>();
  let checking = false;
  let again = false;

  const check = async () => {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    const presets = await localStore.get("overlayPresets", {});
    const listed = bridge.data.listed.get(realm) ?? new Map<string, Record<string, unknown>>();
    for (const [uuid, client] of listed) {
      if (signal.aborted) break;
      const preset: OverlayPreset | null =
        client.protocol !== "saml" ? null : (presets[presetStorageKey(location.origin, realm, uuid)] ?? presetFromClientId(String(client.clientId)));
      if (preset === null) {
        verdicts.delete(uuid);
        continue;
      }
      // The list's representations hold no scopes; what the console loaded on the client's Client scopes tab does.
      const scopes = client.defaultClientScopes;
      const request = {
        client,
        defaultClientScopes: Array.isArray(scopes) && scopes.every((scope) => typeof scope === "string") ? scopes : (bridge.data.defaultScopes.get(clientKey(realm, uuid)) ?? null),
        clientScopes: bridge.data.scopes.get(realm) ?? null,
        preset,
        keycloakUrl: options.keycloakUrl,
        realm,
      };
      const serialized = JSON.stringify(request);
      if (verdicts.get(uuid)?.request === serialized) continue;
      try {
        const response = await sendMessage("overlay.check", request);
        const errors = response.outcomes.filter((outcome) => outcome.finding.severity === "error");
        verdicts.set(uuid, { request: serialized, errors: errors.length, first: errors[0]?.finding.message ?? "" });
      } catch {
        verdicts.delete(uuid);
      }
    }
    checking = false;
    if (again && !signal.aborted) {
      again = false;
      void check();
    }
    render();
  };

  const render = timed(() => {
    if (signal.aborted) return;
    const links = clientListLinks(doc);
    const dark = consoleIsDark(doc);
    for (const [uuid, verdict] of verdicts) {
      const link = links.get(uuid);
      const cell = link?.closest("td");
      if (link === undefined || cell == null || verdict.errors === 0) {
        markers.get(uuid)?.remove();
        continue;
      }
      let marker = markers.get(uuid);
      if (marker === undefined) {
        marker = createMarker(doc, uuid);
        markers.set(uuid, marker);
      }
      updateMarker(marker, verdict, link, dark);
      if (marker.parentElement !== cell) cell.append(marker);
    }
    for (const [uuid, marker] of markers) if (!verdicts.has(uuid)) marker.remove();
  });

  let queued = false;
  const queueRender = () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      // A pass under way draws when it ends: the markers of one pass appear together, never half of them.
      if (!checking) render();
    }, 100);
  };

  const stopBridge = bridge.onChange(
    timed((observed) => {
      if (observed.realm === realm && (observed.kind === "clients" || observed.kind === "scopes")) void check();
    }),
  );
  const observer = new MutationObserver(timed(queueRender));
  observer.observe(doc.body, { childList: true, subtree: true });
  watchTheme(doc, signal, queueRender);
  signal.addEventListener("abort", () => {
    stopBridge();
    observer.disconnect();
    for (const marker of markers.values()) marker.remove();
  });
  void check();
}

function createMarker(doc: Document, uuid: string): HTMLElement {
  const { el } = domOf(doc);
  const host = el("span", { [OVERLAY_ATTRIBUTE]: "list-marker", "data-client": uuid });
  const shadow = host.attachShadow({ mode: "open" });
  applyStyles(shadow, MARKER_CSS);
  shadow.append(el("button", { type: "button", className: "marker error" }));
  return host;
}

function updateMarker(host: HTMLElement, verdict: Verdict, link: HTMLAnchorElement, dark: boolean): void {
  const button = host.shadowRoot?.querySelector("button");
  if (button == null) return;
  const text = `${verdict.errors} error${verdict.errors === 1 ? "" : "s"}`;
  host.dataset.errors = String(verdict.errors);
  host.dataset.theme = dark ? "dark" : "light";
  if (button.textContent !== text) button.textContent = text;
  const name = (link.textContent ?? "").trim();
  button.setAttribute("aria-label", `SAML Lens: ${text} for Sentry in ${name}. Open the client.`);
  button.title = verdict.first;
  // The console's own link routes the way the console does (hash or path router).
  button.onclick = (event) => {
    event.stopPropagation();
    link.click();
  };
}
