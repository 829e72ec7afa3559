/**
 * What the overlay tells whoever follows it (the setup wizard) on every render that changes it, and the one thing it
 * offers back: its own "Fix all on this tab". The overlay never imports its followers.
 */
import type { Outcome } from "../findings.js";
import type { ClientRoute } from "../../core/keycloak/console-routes.js";

/** What the overlay shows on a client's tab, as the wizard walks the tabs with it (reported on every overlay render). */
export interface OverlayState {
  readonly route: ClientRoute;
  /** The overlay has a check result for the client (with the form's unsaved values). */
  readonly checked: boolean;
  readonly outcomes: readonly Outcome[];
  /** Security findings apart (never part of the Sentry verdict). */
  readonly securityOutcomes: readonly Outcome[];
  /** The form holds edits the console has not saved. */
  readonly unsaved: boolean;
  /** Findings the overlay's "Fix all on this tab" fixes in the form. */
  readonly fixableHere: number;
  /** The overlay's own "Fix all on this tab": writes the fixes into the console's form (the user saves). */
  readonly fixAllHere: () => Promise<string>;
}

/** Whether the facts handed on (compared by identity) differ from those handed on last time. */
export class Sameness {
  private last: Readonly<Record<string, unknown>> | null = null;

  changed(facts: Readonly<Record<string, unknown>>): boolean {
    const last = this.last;
    if (last !== null && Object.keys(facts).every((key) => last[key] === facts[key])) return false;
    this.last = facts;
    return true;
  }
}
