/**
 * Where the summary card sits on a client page, and what it says: above the client's tabs (on the dedicated scope's
 * pages above its tabs, or above the mapper form); without them, when the page is not recognised, at the top of the
 * page's content. The card outlives each page's overlay, as the badges do: the next client page takes it over
 * instead of building a new shadow root.
 */
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import type { CheckResponse } from "../findings.js";
import { CLIENT_TABS, consoleIsDark, PAGE_MAIN } from "../selectors.js";
import { dedicatedScopeTabs, mapperForm } from "../scope-selectors.js";
import { SummaryCard, type SummaryActions, type SummaryModel } from "./summary.js";
import { summaryModel, type SummaryFacts } from "./summary-model.js";

let shared: SummaryCard | null = null;

export class SummaryLayer {
  readonly card: SummaryCard;
  /** The model is derived when what it shows changes, not per rendered frame. */
  private cached: { key: string; model: SummaryModel; response: CheckResponse | null } | null = null;

  constructor(
    private readonly doc: Document,
    private readonly route: ClientRoute,
    actions: SummaryActions,
  ) {
    if (shared?.host.ownerDocument !== doc) shared = new SummaryCard(doc, actions);
    shared.actions = actions;
    this.card = shared;
  }

  /**
   * `check` numbers the check result shown (the same number and result object: the same model unless another fact
   * changed); `orphan`: the page has no place for the card but must say why there are no badges.
   */
  place(check: number, facts: SummaryFacts, orphan: boolean): void {
    const tabs = this.anchor();
    if (tabs !== null) {
      if (tabs.previousElementSibling !== this.card.host) tabs.before(this.card.host);
    } else if (orphan) {
      const main = this.doc.querySelector(PAGE_MAIN) ?? this.doc.body;
      if (this.card.host.parentElement !== main) main.prepend(this.card.host);
    } else {
      return;
    }
    const key = [check, facts.loaded || facts.loadOverdue, facts.preset.kind, facts.editingPreset, facts.unsaved, facts.unrecognised?.join(",") ?? "", facts.notice ?? ""].join("|");
    if (this.cached?.key !== key || this.cached.response !== facts.response) this.cached = { key, model: summaryModel(facts), response: facts.response };
    this.card.render(this.cached.model, consoleIsDark(this.doc));
  }

  remove(): void {
    this.card.host.remove();
  }

  private anchor(): Element | null {
    const page = this.route.dedicatedPage;
    if (page === null) return this.doc.querySelector(CLIENT_TABS);
    return page.kind === "mapper" ? mapperForm(this.doc) : dedicatedScopeTabs(this.doc);
  }
}
