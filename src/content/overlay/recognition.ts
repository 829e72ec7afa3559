/**
 * Does the shown tab look like a console these selectors know? Some fields render on their tab for every SAML client
 * (`alwaysShown` in selectors.ts); when one of them stays missing after the tab had time to render, the console has
 * changed under the selectors, and badges placed by the ones that still match could sit on the wrong field. No badge is
 * better than a wrong one: the overlay then says so in its card and shows none on that tab.
 */
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import { CLIENT_TABS, CONSOLE_FIELDS, findField } from "../selectors.js";
import { dedicatedScopeRow } from "../scope-selectors.js";

/** How long a tab may take to render its fields after the client arrived (the Keys tab waits for two more calls). */
export const RENDER_GRACE_MS = 3000;

export type Recognition =
  | { readonly kind: "recognised" }
  /** Something expected is missing, but the tab may still be rendering. */
  | { readonly kind: "pending" }
  | { readonly kind: "unrecognised"; readonly missing: readonly string[] };

interface Expectation {
  readonly label: string;
  readonly present: (doc: Document) => boolean;
}

const TAB_BAR: Expectation = { label: "the client's tabs", present: (doc) => doc.querySelector(CLIENT_TABS) !== null };

function expectations(route: ClientRoute, saved: Record<string, unknown>): Expectation[] {
  // The dedicated scope's pages are not under the client's tabs.
  if (route.dedicatedScope) return [];
  const expected = [TAB_BAR];
  // A bearer-only client shows none of the SAML sections.
  if (saved.bearerOnly === true) return expected;
  if (route.tab === "clientScopes") {
    expected.push({ label: "the dedicated scope's row", present: (doc) => dedicatedScopeRow(doc) !== null });
  }
  for (const field of CONSOLE_FIELDS) {
    if (field.alwaysShown === true && field.tab === route.tab) {
      expected.push({ label: field.label, present: (doc) => findField(doc, field) !== null });
    }
  }
  return expected;
}

/** Watches one client tab: missing fields count only once they stayed missing for RENDER_GRACE_MS. */
export class TabRecognition {
  private missingSince: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly route: ClientRoute,
    /** Asked to look again once the grace period is over. */
    private readonly recheck: () => void,
  ) {}

  assess(doc: Document, saved: Record<string, unknown> | null, now: number): Recognition {
    // Until the console has loaded the client, nothing on the tab can be expected yet.
    if (saved === null) return { kind: "pending" };
    const missing = expectations(this.route, saved)
      .filter((expectation) => !expectation.present(doc))
      .map((expectation) => expectation.label);
    if (missing.length === 0) {
      this.missingSince = null;
      clearTimeout(this.timer);
      return { kind: "recognised" };
    }
    if (this.missingSince === null) {
      this.missingSince = now;
      this.timer = setTimeout(this.recheck, RENDER_GRACE_MS + 50);
    }
    return now - this.missingSince < RENDER_GRACE_MS ? { kind: "pending" } : { kind: "unrecognised", missing };
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
