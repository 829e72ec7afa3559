/**
 * Steps 3–4 walk the new client's tabs with the overlay: a tab is done when the overlay finds no error or warning on
 * it in what the console saved (no unsaved edits), and the walk then opens the next one; step 4's mapper tasks open
 * the mapper forms (the overlay of the form's page fills them in) or show the scope row to remove. The walk knows the
 * console through the host, which owns the progress and the card.
 */
import type { ConsolePage } from "../../../core/keycloak/console-routes.js";
import { navigateWithinClient, targetPage } from "../../navigation.js";
import type { OverlayState } from "../../overlay/state.js";
import { tabLink } from "../../selectors.js";
import type { WizardHub } from "../hub.js";
import type { CheckTab, ChecksView, MapperTask, MappersView } from "../model.js";
import type { WizardProgress } from "../progress.js";
import { checkTabOf, checksView, tabDone, tabDoneStatus } from "./checks.js";
import { showScopeRemoval } from "../../scope-removal.js";
import { mappersView } from "./mappers.js";

/** What the walk needs from the wizard that runs it. */
export interface WalkHost {
  readonly doc: Document;
  readonly hub: WizardHub;
  progress(): WizardProgress | null;
  page(): ConsolePage;
  /** Saves a change of the progress and renders. */
  update(change: Partial<WizardProgress>): void;
  /** The card's status line, shown from the next render on. */
  say(status: string): void;
  render(): void;
  /** A route of the realm, e.g. `clients/<uuid>/keys`. */
  navigate(route: string): void;
  /** Work that fills in the console's form: the card is busy meanwhile, then shows what the work said. */
  whileBusy(work: () => Promise<string>): Promise<void>;
}

export type ClientPage = Extract<ConsolePage, { kind: "client" }>["client"];

export class ClientWalk {
  /** The views last rendered: the overlay reports on every render, the card changes only with what it shows. */
  private shown = "";

  constructor(private readonly host: WalkHost) {}

  /** What steps 3 and 4 show now (each null outside its step). */
  views(): { checks: ChecksView | null; mappers: MappersView | null } {
    const progress = this.host.progress();
    const page = this.host.page();
    const overlay = this.host.hub.overlay;
    const views = { checks: checksView(progress, page, overlay), mappers: mappersView(progress, page, overlay) };
    this.shown = JSON.stringify(views);
    return views;
  }

  /** The overlay's state after each of its renders: move on when the tab is done, else re-render what changed. */
  onOverlayState(state: OverlayState): void {
    const progress = this.host.progress();
    if ((progress?.step !== "checks" && progress?.step !== "mappers") || state.route.clientUuid !== progress.clientUuid) return;
    const next = tabDone(progress, state);
    if (next !== null) {
      const tab = checkTabOf(progress);
      this.host.update(next === "mappers" ? { step: "mappers" } : { checkTab: next });
      this.host.say(tabDoneStatus(tab, next));
      if (next === "mappers") this.openScopes();
      else this.openCheckTab(next);
      return;
    }
    const before = this.shown;
    if (JSON.stringify(this.views()) !== before) this.host.render();
  }

  /** The client's page shown, when it is the wizard's new client. */
  shownClient(): ClientPage | null {
    const uuid = this.host.progress()?.clientUuid;
    const page = this.host.page();
    return uuid !== undefined && page.kind === "client" && page.client.clientUuid === uuid ? page.client : null;
  }

  openCheckTab(tab: CheckTab): void {
    this.openTab(tab, this.shownClient() !== null);
  }

  openScopes(): void {
    // The dedicated scope's tabs are not the client's: its Client scopes link would stay there.
    this.openTab("clientScopes", this.shownClient()?.dedicatedScope === false);
  }

  runMapperTask(task: MapperTask): void {
    const uuid = this.host.progress()?.clientUuid;
    const action = task.action;
    const client = this.shownClient();
    if (uuid === undefined || action === null || client === null) return;
    switch (action.kind) {
      case "add-mapper":
      case "open-mapper":
        // The overlay of the form's page (content.js) fills it in, exactly as after its own Fix.
        this.host.hub.prefillMapperForm(uuid, action.target, action.values);
        navigateWithinClient(client, targetPage(action.target));
        this.host.say("SAML Lens opens the mapper's form and fills it in: review it, then press the form's Save.");
        break;
      case "remove-scope":
        if (client.tab !== "clientScopes" || client.dedicatedScope) this.openScopes();
        void showScopeRemoval(this.host.doc, action.scope).then((said) => {
          this.host.say(said);
          this.host.render();
        });
        break;
      case "open":
        navigateWithinClient(client, targetPage(action.target));
        break;
    }
    this.host.render();
  }

  /** Step 3's "Fix all here": the overlay fixes its tab through the console's form; the user saves. */
  async fixAllHere(): Promise<void> {
    const state = this.host.hub.overlay;
    if (state === null || state.route.clientUuid !== this.host.progress()?.clientUuid) return;
    await this.host.whileBusy(async () => {
      const said = await state.fixAllHere();
      return said === "" ? "Nothing to change on this tab." : `${said} The wizard moves on once the console has saved.`;
    });
  }

  /** A tab of the new client: through the console's own tab link when it shows one, else by its route. */
  private openTab(tab: CheckTab | "clientScopes", linkUsable: boolean): void {
    const uuid = this.host.progress()?.clientUuid;
    if (uuid === undefined) return;
    const link = linkUsable ? tabLink(this.host.doc, tab) : null;
    if (link !== null) link.click();
    else this.host.navigate(`clients/${uuid}/${tab}`);
  }
}
