/**
 * What the wizard's card shows and what its buttons ask for: the plain data the steps render, and the actions the
 * wizard carries out. The card and its steps read these types; the wizard fills them in. Nothing here acts.
 */
import type { MessageResponse } from "../../platform/messages.js";
import type { Dom } from "../dom.js";
import type { FixTarget, MapperFormValue } from "../fix-plan.js";
import type { createClientStep } from "../create-client-selectors.js";
import type { WizardProgress } from "./progress.js";
import type { Descriptor } from "../realm-descriptor.js";

/** Step 2 by hand: which of the console's Create client steps is shown. */
export type CreateStep = ReturnType<typeof createClientStep>;

/** Step 4: what the user does about one of the overlay's findings on Client scopes. */
export type MapperAction =
  | { readonly kind: "add-mapper"; readonly target: FixTarget; readonly values: readonly MapperFormValue[]; readonly mapperName: string }
  | { readonly kind: "open-mapper"; readonly target: FixTarget; readonly values: readonly MapperFormValue[] }
  | { readonly kind: "remove-scope"; readonly scope: string }
  | { readonly kind: "open"; readonly target: FixTarget };

export interface MapperTask {
  readonly findingId: string;
  readonly severity: string;
  readonly message: string;
  readonly fix: string;
  readonly action: MapperAction | null;
}


export type LoginVerdict = MessageResponse<"recorder.verdict">;

/** Step 6: where the test login stands. */
export type LoginState =
  | { readonly kind: "idle" }
  | { readonly kind: "starting" }
  /** Recording; the login runs in its own tab. */
  | { readonly kind: "waiting" }
  /** The recorder could not start (no access to a site yet). */
  | { readonly kind: "blocked"; readonly reason: string }
  | { readonly kind: "verdict"; readonly verdict: LoginVerdict };

export interface LoginView {
  /** `K/realms/R/protocol/saml/clients/<IDP-Initiated SSO URL name>`; the wizard set that name to the org slug. */
  readonly idpInitiatedUrl: string;
  /** Sentry's SSO login page for the organization. */
  readonly sentryLoginUrl: string;
  readonly state: LoginState;
}

export interface SentrySide {
  readonly metadataUrl: string;
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly attributeMapping: ReadonlyArray<{ readonly sentryField: string; readonly samlAttributeName: string }>;
  readonly notes: readonly string[];
}

export interface WhereErrors {
  readonly urlPrefix?: string;
  readonly orgSlug?: string;
  readonly spMetadata?: string;
  readonly other?: string;
}

/** Step 1's input: Sentry's URL and slug, or its SP metadata (pasted XML or the metadata URL). */
export type WhereInput = Pick<WizardProgress, "kind" | "urlPrefix" | "orgSlug"> & { readonly spMetadata?: string };

/** Step 3 walks these tabs of the new client, in this order; step 4 (the mappers) is on Client scopes. */
export const CHECK_TABS = ["settings", "keys", "advanced"] as const;
export type CheckTab = (typeof CHECK_TABS)[number];
export const CHECK_TAB_TITLES: Record<CheckTab, string> = { settings: "Settings", keys: "Keys", advanced: "Advanced" };

/** The tab the wizard is at, with the overlay's errors and warnings on it. */
export interface ChecksView {
  readonly tab: CheckTab;
  /** The console shows that tab of the new client. */
  readonly onTab: boolean;
  readonly checked: boolean;
  readonly findings: ReadonlyArray<{ readonly severity: string; readonly message: string; readonly fix: string }>;
  /** How many of them the overlay's "Fix all on this tab" fixes. */
  readonly fixable: number;
  readonly unsaved: boolean;
  /** The last tab is clean and saved: the client is ready. */
  readonly done: boolean;
}

/** Step 4: what is left on the client's Client scopes, as the overlay reports it. */
export interface MappersView {
  /** The console shows the client's Client scopes tab (Setup) or its dedicated scope. */
  readonly onScopes: boolean;
  readonly onSetup: boolean;
  /** A mapper's form is shown (the user reviews and saves it). */
  readonly onMapperForm: boolean;
  readonly checked: boolean;
  readonly tasks: readonly MapperTask[];
  readonly unsaved: boolean;
  readonly done: boolean;
  /** The overlay's security findings left: why each accepted one stays, and how many are not accepted. */
  readonly security: { readonly accepted: readonly string[]; readonly open: number };
}

export interface WizardModel {
  readonly progress: WizardProgress;
  readonly realm: string;
  readonly busy: boolean;
  /** A sentence about the last action (or its failure), announced politely. */
  readonly status: string;
  readonly errors: WhereErrors;
  /** The user chose to give Sentry's SP metadata, and what they pasted so far (kept while the page lives). */
  readonly spMetadata: string | null;
  readonly warnings: readonly string[];
  readonly clientId: string;
  readonly onImportPage: boolean;
  /** The new client's page is shown (step 3). */
  readonly onClientPage: boolean;
  /** Errors and warnings the overlay still reports for the new client; `null` before its first check. */
  readonly remaining: number | null;
  /** Steps 3–4; `null` before the client exists. */
  readonly checks: ChecksView | null;
  readonly sentrySide: SentrySide | null;
  /** The realm's IdP descriptor XML (step 5), `null` before it was asked for. */
  readonly descriptor: Descriptor | null;
  /** Step 2 by hand: the console's Create client step shown, `null` when Create client is not shown. */
  readonly createStep: CreateStep | null;
  readonly onCreatePage: boolean;
  /** Step 4; `null` on other steps. */
  readonly mappers: MappersView | null;
  /** Step 6; `null` on other steps. */
  readonly login: LoginView | null;
}

export interface WizardActions {
  readonly submitWhere: (input: WhereInput) => void;
  readonly openImportPage: () => void;
  readonly fillImportForm: () => void;
  readonly openClient: () => void;
  readonly goTo: (step: WizardProgress["step"]) => void;
  readonly openCheckTab: () => void;
  readonly fixAllHere: () => void;
  readonly cancel: () => void;
  readonly finish: () => void;
  readonly chooseByHand: () => void;
  readonly openCreatePage: () => void;
  readonly fillCreateStep: () => void;
  readonly openScopes: () => void;
  readonly runMapperTask: (task: MapperTask) => void;
  readonly startLogin: (from: "keycloak" | "sentry") => void;
  readonly openRecorder: () => void;
}

/** What a step's body is drawn with: the card's DOM helpers, the model, the actions, and the card's Copy. */
export interface StepContext {
  readonly dom: Dom;
  readonly model: WizardModel;
  readonly actions: WizardActions;
  /** Copies a value to the clipboard and says so in the card's status line. */
  readonly copy: (value: string, label: string) => void;
}
