/**
 * What makes a client page's overlay look again: the console fetching the client or the realm's scopes (page
 * bridge), the console changing the page (not our own card and badges), and the user editing the form. Everything
 * stops with the page's signal.
 */
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import { OVERLAY_ATTRIBUTE } from "../dom.js";
import type { PageBridge } from "../page-bridge.js";
import { watchTheme } from "../selectors.js";
import { timed } from "./busy.js";

export interface PageEvents {
  /** The console fetched this client (`true`) or the realm's scopes (`false`). */
  readonly fetched: (clientLoaded: boolean) => void;
  /** The console changed the page. */
  readonly mutated: () => void;
  /** A render is already queued: once it is, there is nothing to decide about a mutation. */
  readonly renderQueued: () => boolean;
  /** The user typed, changed or clicked something outside SAML Lens. */
  readonly edited: () => void;
}

function isOverlayMutation(record: MutationRecord): boolean {
  const ours = (node: Node) => node instanceof Element && node.hasAttribute(OVERLAY_ATTRIBUTE);
  return Array.from(record.addedNodes).every(ours) && Array.from(record.removedNodes).every(ours);
}

export function watchClientPage(doc: Document, bridge: PageBridge, route: ClientRoute, signal: AbortSignal, events: PageEvents): void {
  const stopBridge = bridge.onChange(
    timed((observed) => {
      if (observed.kind === "scopes" ? observed.realm !== route.realm : observed.clientUuid !== route.clientUuid) return;
      events.fetched(observed.kind !== "scopes");
    }),
  );
  // Placing the card and the badges is a mutation too: those alone need no new render. The console mutates the page
  // in many small batches while it renders a tab.
  const observer = new MutationObserver(
    timed((records: MutationRecord[]) => {
      if (!events.renderQueued() && !records.every(isOverlayMutation)) events.mutated();
    }),
  );
  observer.observe(doc.body, { childList: true, subtree: true });
  // The console's theme switched: the card and badges follow it.
  watchTheme(doc, signal, timed(events.mutated));
  const onEdit = timed((event: Event) => {
    if (event.target instanceof Element && event.target.closest(`[${OVERLAY_ATTRIBUTE}]`) !== null) return;
    events.edited();
  });
  for (const type of ["input", "change", "click"]) doc.addEventListener(type, onEdit, { capture: true, signal });
  signal.addEventListener("abort", () => {
    stopBridge();
    observer.disconnect();
  });
}
