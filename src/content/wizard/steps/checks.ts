/**
 * Step 3, the new client's tabs: Settings, Keys, Advanced in turn. A tab is done when the overlay finds no error or
 * warning on it in what the console saved (no unsaved edits); the wizard then opens the next one.
 */
import { findingTab } from "../../findings.js";
import type { ConsolePage } from "../../../core/keycloak/console-routes.js";
import type { OverlayState } from "../../overlay/state.js";
import { CHECK_TAB_TITLES, CHECK_TABS, type CheckTab, type ChecksView, type StepContext } from "../model.js";
import type { WizardProgress } from "../progress.js";

/** Progress saved before step 4 existed may name Client scopes as step 3's tab. */
export function checkTabOf(progress: WizardProgress | null): CheckTab {
  const tab = progress?.checkTab;
  return tab === undefined || tab === "clientScopes" ? "settings" : tab;
}

function tabFindings(state: OverlayState, tab: CheckTab): OverlayState["outcomes"] {
  return state.outcomes.filter(({ finding }) => (finding.severity === "error" || finding.severity === "warning") && findingTab(finding) === tab);
}

/** The overlay reports the wizard's tab clean and saved: the next tab, or `"mappers"` after the last one. */
export function tabDone(progress: WizardProgress, state: OverlayState): CheckTab | "mappers" | null {
  const tab = checkTabOf(progress);
  if (progress.step !== "checks" || state.route.clientUuid !== progress.clientUuid) return null;
  if (state.route.tab !== tab || state.route.dedicatedScope || !state.checked || state.unsaved || tabFindings(state, tab).length > 0) return null;
  return CHECK_TABS[CHECK_TABS.indexOf(tab) + 1] ?? "mappers";
}

export function tabDoneStatus(tab: CheckTab, next: CheckTab | "mappers"): string {
  return `${CHECK_TAB_TITLES[tab]}: nothing left to fix, and saved. Next: ${next === "mappers" ? "the mappers, on Client scopes" : CHECK_TAB_TITLES[next]}.`;
}

export function checksView(progress: WizardProgress | null, page: ConsolePage, state: OverlayState | null): ChecksView | null {
  if (progress?.step !== "checks" || progress.clientUuid === undefined) return null;
  const tab = checkTabOf(progress);
  const onTab = page.kind === "client" && page.client.clientUuid === progress.clientUuid && page.client.tab === tab && !page.client.dedicatedScope;
  const current = onTab && state !== null && state.route.clientUuid === progress.clientUuid && state.route.tab === tab ? state : null;
  const findings = current === null ? [] : tabFindings(current, tab);
  return {
    tab,
    onTab,
    checked: current?.checked === true,
    findings: findings.map(({ finding }) => ({ severity: finding.severity, message: finding.message, fix: finding.fix })),
    fixable: current?.fixableHere ?? 0,
    unsaved: current?.unsaved === true,
    done: tab === CHECK_TABS[CHECK_TABS.length - 1] && current?.checked === true && !current.unsaved && findings.length === 0,
  };
}

export function checksStepBody({ dom, model, actions }: StepContext): HTMLElement[] {
  const { el, button } = dom;
  const parts: HTMLElement[] = [];
  const checks = model.checks;
  if (checks !== null) {
    const tabs = el("ol", { className: "steps", "aria-label": "Tabs of the client" });
    CHECK_TABS.forEach((tab, position) => {
      const item = el("li", {}, `${position < CHECK_TABS.indexOf(checks.tab) ? "✓ " : ""}${CHECK_TAB_TITLES[tab]}`);
      if (tab === checks.tab) item.setAttribute("aria-current", "step");
      tabs.append(item);
    });
    parts.push(tabs);
    const walk = el("div", { className: "tab-check" });
    walk.dataset.tab = checks.tab;
    parts.push(walk);
    const title = CHECK_TAB_TITLES[checks.tab];
    if (!checks.onTab) {
      walk.append(el("p", {}, `Next: the client's ${title} tab.`));
      walk.append(el("div", { className: "actions" }, button(`Open ${title}`, "open-tab", "primary", () => actions.openCheckTab())));
    } else if (!checks.checked) {
      walk.append(el("p", {}, `Checking ${title}…`));
    } else if (checks.findings.length > 0) {
      walk.dataset.findings = String(checks.findings.length);
      walk.append(el("p", {}, `${checks.findings.length} to fix on ${title}:`));
      const list = el("ul");
      for (const finding of checks.findings) list.append(el("li", { className: finding.severity }, `${finding.message} ${finding.fix}`));
      walk.append(list);
      if (checks.fixable > 0) {
        const fix = button(`Fix all on this tab (${checks.fixable})`, "fix-all", "primary", () => actions.fixAllHere());
        fix.disabled = model.busy;
        walk.append(el("div", { className: "actions" }, fix));
      }
    } else if (checks.unsaved) {
      walk.append(el("p", { className: "state warning" }, `Nothing left to fix on ${title}: press the console's Save; the wizard then moves on.`));
    } else if (checks.done) {
      walk.append(el("p", { className: "state ok" }, "Settings, Keys and Advanced are clean and saved."));
    }
  } else if (!model.onClientPage) {
    parts.push(el("p", {}, "Open the new client to see its checks."));
    parts.push(el("div", { className: "actions" }, button("Open the client", "open-client", "primary", () => actions.openClient())));
  }
  if (model.onClientPage && model.remaining !== null) {
    const remaining = el(
      "p",
      { className: model.remaining === 0 ? "state ok" : "state warning" },
      model.remaining === 0 ? "No errors or warnings left: the client is ready for Sentry." : `${model.remaining} finding${model.remaining === 1 ? "" : "s"} left on the client in all.`,
    );
    remaining.dataset.remaining = String(model.remaining);
    parts.push(remaining);
  }
  parts.push(el("div", { className: "actions" }, button("Next: mappers", "next", checks?.done === true ? "primary" : "secondary", () => actions.goTo("mappers"))));
  return parts;
}
