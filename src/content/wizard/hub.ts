/**
 * Where content.js and the injected wizard.js meet. The wizard is its own bundle (content.js runs on every console page
 * and has a size budget), which the background injects into the tab only when the wizard is wanted. Both scripts run
 * in the extension's isolated world of the page, which they share and the page cannot see: a global there is the
 * whole channel, with no message the console could read or forge.
 */
import type { FixTarget, MapperFormValue } from "../fix-plan.js";
import type { OverlayState } from "../overlay/state.js";
import type { ConsolePage } from "../../core/keycloak/console-routes.js";

/** What the running wizard offers content.js. */
export interface RunningWizard {
  readonly onPage: (page: ConsolePage) => void;
  /** The overlay checked a client (its count of errors and warnings is in the hub's `remaining`). */
  readonly onChecked: (clientUuid: string) => void;
  readonly onOverlayState: (state: OverlayState) => void;
  /** The background saved (new) progress for this tab and injected the bundle again: load it. */
  readonly resume: () => void;
  /** True while the panel is shown (the start button then stays away). */
  readonly active: () => boolean;
}

export interface WizardHub {
  readonly keycloakUrl: string;
  page: ConsolePage;
  /** Errors and warnings the overlay last counted per client uuid (the wizard may start after the overlay checked). */
  readonly remaining: Map<string, number>;
  /** The overlay's last state (of the client page shown, or of the last one left). */
  overlay: OverlayState | null;
  wizard: RunningWizard | null;
  /** The wizard opened or closed its panel. */
  readonly onWizardChange: () => void;
  /**
   * Leaves values for a mapper form the wizard is about to open: the overlay of that page, in content.js, fills them
   * in as after its own "Add the mapper" Fix.
   */
  readonly prefillMapperForm: (clientUuid: string, target: FixTarget, values: readonly MapperFormValue[]) => void;
}

/** The global's name (the background probes for it before injecting the wizard). */
export const HUB_KEY = "samlLensWizardHub";

type HubHolder = { [HUB_KEY]?: WizardHub };

export function installHub(hub: WizardHub): WizardHub {
  (globalThis as HubHolder)[HUB_KEY] = hub;
  return hub;
}

export function findHub(): WizardHub | null {
  return (globalThis as HubHolder)[HUB_KEY] ?? null;
}
