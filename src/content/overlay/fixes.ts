/**
 * The overlay's fixes on one client page: each outcome's plan (derived once per check result), which of them the
 * shown tab's form can take ("Fix all on this tab"), and what a badge's Fix button does — write into the form, or
 * open the page where the fix is made and leave its mapper form's values there. The user still presses Save.
 */
import { ROLE_LIST_SCOPE } from "../../core/keycloak/attributes.js";
import { findingScopeRow, isSecurity, type Outcome } from "../findings.js";
import { showScopeRemoval } from "../scope-removal.js";
import { planFix, type FixPlan } from "../fix-plan.js";
import { applyWrites, type FixReport } from "../form-writer.js";
import { navigateWithinClient, targetPage } from "../navigation.js";
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import type { BadgeContent } from "./badge.js";
import { leaveForMapperForm } from "./mapper-form.js";

export class OverlayFixes {
  /** Derived once per check result, not per rendered frame (the console renders many frames on a route change). */
  private readonly plans = new Map<Outcome, FixPlan | null>();

  constructor(
    private readonly doc: Document,
    private readonly route: ClientRoute,
    private readonly saved: () => Record<string, unknown> | null,
    /** The form changed: check it again. */
    private readonly written: () => void,
    /** Opens a badge of the page about to be shown (by its key), once that page places it. */
    private readonly revealOnArrival: (key: string) => void,
  ) {}

  /** A new check result: plans are derived anew. */
  resultChanged(): void {
    this.plans.clear();
  }

  plan(outcome: Outcome): FixPlan | null {
    const cached = this.plans.get(outcome);
    if (cached !== undefined) return cached;
    const saved = this.saved();
    const plan = saved === null ? null : planFix(outcome, saved);
    this.plans.set(outcome, plan);
    return plan;
  }

  /**
   * Errors and warnings, and security findings of any severity (each fix keeps Sentry working; accepted ones have
   * none), whose every form write targets a field of the shown tab.
   */
  fixableHere(outcomes: readonly Outcome[]): Outcome[] {
    return outcomes.filter((outcome) => {
      if (!isSecurity(outcome.finding) && outcome.finding.severity !== "error" && outcome.finding.severity !== "warning") return false;
      const plan = this.plan(outcome);
      return plan !== null && plan.target === null && plan.writes.length > 0 && plan.writes.every((write) => write.field.tab === this.route.tab);
    });
  }

  /** "Fix all on this tab": says what it changed, or why it could not. */
  async fixAll(outcomes: readonly Outcome[]): Promise<string> {
    const writes = this.fixableHere(outcomes).flatMap((outcome) => this.plan(outcome)?.writes ?? []);
    if (writes.length === 0) return "";
    return this.describe(await applyWrites(this.doc, writes));
  }

  /** A badge's Fix button for `outcome`'s finding, or `null` when this page cannot fix it. */
  fixFor(outcome: Outcome): BadgeContent["fix"] {
    const plan = this.plan(outcome);
    if (plan === null) return null;
    if (plan.target?.kind === "client-scopes" && findingScopeRow(outcome.finding) === ROLE_LIST_SCOPE) return this.scopeRemoval(ROLE_LIST_SCOPE);
    if (plan.target !== null) {
      const target = plan.target;
      const fillsForm = plan.mapperForm.length > 0;
      return {
        label: target.kind === "new-mapper" ? "Add the mapper" : target.kind === "mapper" ? "Open the mapper" : "Go there",
        // The finding's own fix sentence is shown above: the note says only what the button adds to it.
        note: fillsForm ? "SAML Lens opens the form there and fills it in; you press Save." : null,
        run: async () => {
          if (fillsForm) leaveForMapperForm(this.route.clientUuid, target, plan.mapperForm);
          navigateWithinClient(this.route, targetPage(target));
          return "";
        },
      };
    }
    if (plan.writes.length === 0 || !plan.writes.every((write) => write.field.tab === this.route.tab)) return null;
    const dialog = plan.writes.some((write) => write.field.kind === "dialog-switch");
    return {
      label: "Fix",
      note: dialog ? "The console asks you to confirm this switch, and saves the client as soon as you do." : null,
      run: async () => this.describe(await applyWrites(this.doc, plan.writes)),
    };
  }

  /**
   * Removing a shared scope from the client: on Client scopes › Setup, the scope row's own ⋮ menu opened for the user;
   * elsewhere, that tab with the row's badge open.
   */
  private scopeRemoval(scope: string): BadgeContent["fix"] {
    if (this.route.tab === "clientScopes" && !this.route.dedicatedScope) {
      return { label: "Show Remove", note: null, run: () => showScopeRemoval(this.doc, scope) };
    }
    return {
      label: "Go there",
      note: null,
      run: async () => {
        this.revealOnArrival(`scope:${scope}`);
        navigateWithinClient(this.route, "clientScopes");
        return "";
      },
    };
  }

  /** What a fix did, in one true sentence per kind of change. */
  private describe(report: FixReport): string {
    this.written();
    const parts: string[] = [];
    if (report.changed > 0) parts.push("Changed in the form: review, then press Save.");
    if (report.confirming > 0) parts.push("Confirm in the console's dialog: the console saves the client as soon as you do.");
    parts.push(...report.problems);
    // Every value was already in the form (the check had not caught up with it yet): say so, never nothing.
    if (parts.length === 0) parts.push("The form already holds these values: review, then press Save.");
    return parts.join(" ");
  }
}
