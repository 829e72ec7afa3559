/**
 * The badges of the shown page: one per console field of the tab (and per mapper row and scope row), placed next to
 * the field and kept in place while the console re-renders. A badge outlives the page's overlay: the next client page
 * takes it over instead of building a new shadow root (a route change between two clients shows the same fields).
 */
import { ROLE_LIST_SCOPE } from "../../core/keycloak/attributes.js";
import { Badge, type BadgeContent } from "./badge.js";
import { findingField, findingScopeRow, isSecurity, worst, type Outcome } from "../findings.js";
import type { FixPlan } from "../fix-plan.js";
import { mapperFindings, PAGE_TARGET } from "./dedicated-scope.js";
import type { ClientRoute } from "../../core/keycloak/console-routes.js";
import { badgeAnchor, CONSOLE_FIELDS, findField, PAGE_MAIN, toolbarItem } from "../selectors.js";
import { ADD_MAPPER_TOGGLE, dedicatedScopeRow, mapperRowLinks, scopeNameCell } from "../scope-selectors.js";

/** A finding to open once its tab is shown (the summary's links cross tabs, and each tab is a new overlay). */
let revealNext: string | null = null;
const spareBadges = new Map<string, Badge>();

/** What the badges show: plain data from the overlay, read on every render. */
export interface BadgeView {
  readonly route: ClientRoute;
  /** A check result for the chosen preset, on a recognised page: badges are shown. */
  readonly ready: boolean;
  readonly outcomes: readonly Outcome[];
  /** Security outcomes: a badge of their own on their field, beside its fit badge. */
  readonly securityOutcomes: readonly Outcome[];
  readonly saved: Record<string, unknown> | null;
  readonly dark: boolean;
  readonly plan: (outcome: Outcome) => FixPlan | null;
  readonly fixFor: (outcome: Outcome) => BadgeContent["fix"];
}

/** The badge a finding shows on: its field's (a security finding its own beside it), else its scope row's. */
export function findingBadgeKey(finding: Outcome["finding"]): string | null {
  const row = findingScopeRow(finding);
  const key = findingField(finding)?.key;
  return key !== undefined ? (isSecurity(finding) ? `security:${key}` : key) : row === null ? null : `scope:${row}`;
}

export class BadgeLayer {
  private readonly badges = new Map<string, Badge>();
  private readonly badgeContents = new Map<string, BadgeContent>();
  private view: BadgeView | null = null;

  constructor(private readonly doc: Document) {}

  private get current(): BadgeView {
    if (this.view === null) throw new Error("The badge layer has no view yet.");
    return this.view;
  }

  /** Where each field's badge goes, by the field's element (the console re-creates the element when it re-mounts). */
  private readonly anchors = new WeakMap<HTMLElement, { parent: Element; before: Node | null }>();

  /** Places the badges of the shown page, and puts away those it no longer shows. */
  place(view: BadgeView): void {
    this.view = view;
    const { dark, outcomes, ready } = view;
    const present = new Set<string>();
    if (ready) {
      for (const field of CONSOLE_FIELDS) {
        if (field.tab !== this.current.route.tab) continue;
        const element = findField(this.doc, field);
        if (element === null) continue;
        // A finding also marks the fields its fix changes (Name ID format's fix turns Force name ID format on too).
        const mine = this.outcomesFor(field.key, outcomes);
        const security = view.securityOutcomes.filter((outcome) => findingField(outcome.finding) === field);
        let anchor = this.anchors.get(element);
        if (anchor === undefined) this.anchors.set(element, (anchor = badgeAnchor(element)));
        if (mine.length > 0 || field.badgeOnFindingOnly !== true) {
          this.placeBadge(field.key, anchor, mine, field.label, dark);
          present.add(field.key);
        }
        if (security.length > 0) {
          this.placeBadge(`security:${field.key}`, anchor, security, field.label, dark, true);
          present.add(`security:${field.key}`);
        }
      }
      if (this.current.route.dedicatedPage?.kind === "mappers") this.placeMapperBadges(outcomes, dark, present);
      if (this.current.route.tab === "clientScopes" && !this.current.route.dedicatedScope) {
        for (const row of ["dedicated", ROLE_LIST_SCOPE] as const) {
          const cell = row === "dedicated" ? dedicatedScopeRow(this.doc)?.querySelector("td") : scopeNameCell(this.doc, ROLE_LIST_SCOPE);
          const mine = outcomes.filter((outcome) => findingScopeRow(outcome.finding) === row);
          if (cell == null || (row === ROLE_LIST_SCOPE && mine.length === 0)) continue;
          const key = `scope:${row}`;
          this.placeBadge(key, { parent: cell, before: null }, mine, row === "dedicated" ? "The client's own mappers" : ROLE_LIST_SCOPE, dark);
          present.add(key);
        }
      }
    }
    for (const key of this.badges.keys()) if (!present.has(key)) this.putAway(key);
    if (revealNext !== null && this.badges.has(revealNext)) {
      this.badges.get(revealNext)?.reveal();
      revealNext = null;
    }
  }

  /** A new check result: every badge's content is derived anew. */
  resultChanged(): void {
    this.badgeContents.clear();
  }

  /** Opens the badge of `key` now, or (`later`) when a page that shows it places it. */
  reveal(key: string | null, later: boolean): void {
    if (later) revealNext = key;
    else if (key !== null) this.badges.get(key)?.reveal();
  }

  /** Leaving the page: every badge off it, kept for the next client page. */
  putAwayAll(): void {
    for (const key of [...this.badges.keys()]) this.putAway(key);
  }

  /** Dedicated scope › Mappers: a badge on each mapper row with findings, and one for the list as a whole. */
  private placeMapperBadges(outcomes: readonly Outcome[], dark: boolean, present: Set<string>): void {
    const saved = this.current.saved;
    if (saved === null) return;
    const byTarget = mapperFindings(outcomes, saved);
    const links = mapperRowLinks(this.doc);
    for (const [target, mine] of byTarget) {
      const key = `mapper:${target}`;
      if (target === PAGE_TARGET) {
        const toggle = this.doc.getElementById(ADD_MAPPER_TOGGLE);
        const item = toggle === null ? null : toolbarItem(toggle);
        const anchor = item?.parentElement == null ? this.doc.querySelector(`${PAGE_MAIN} h1`) : null;
        if (item?.parentElement != null) this.placeBadge(key, { parent: item.parentElement, before: item.nextSibling }, mine, "The client's own mappers", dark);
        else if (anchor !== null) this.placeBadge(key, { parent: anchor, before: null }, mine, "The client's own mappers", dark);
        else continue;
        present.add(key);
        continue;
      }
      const cell = links.get(target)?.closest("td");
      if (cell == null) continue;
      this.placeBadge(key, { parent: cell, before: null }, mine, "Mapper", dark);
      present.add(key);
    }
  }

  /** The outcomes of each field, indexed once per check result (each render asks for every field of the tab). */
  private byField: { outcomes: readonly Outcome[]; index: Map<string, Outcome[]> } | null = null;

  private outcomesFor(key: string, outcomes: readonly Outcome[]): readonly Outcome[] {
    if (this.byField?.outcomes !== outcomes) {
      const index = new Map<string, Outcome[]>();
      for (const outcome of outcomes) {
        const keys = new Set<string>();
        const own = findingField(outcome.finding)?.key;
        if (own !== undefined) keys.add(own);
        for (const write of this.current.plan(outcome)?.writes ?? []) keys.add(write.field.key);
        for (const field of keys) index.set(field, [...(index.get(field) ?? []), outcome]);
      }
      this.byField = { outcomes, index };
    }
    return this.byField.index.get(key) ?? [];
  }

  private placeBadge(key: string, anchor: { parent: Element; before: Node | null }, mine: readonly Outcome[], name: string, dark: boolean, security = false): void {
    let badge = this.badges.get(key);
    if (badge === undefined) {
      badge = spareBadges.get(key) ?? new Badge(this.doc, key);
      spareBadges.delete(key);
      this.badges.set(key, badge);
    }
    if (badge.host.parentElement !== anchor.parent) anchor.parent.insertBefore(badge.host, anchor.before);
    const contentKey = `${key} ${dark}`;
    let content = this.badgeContents.get(contentKey);
    if (content === undefined) {
      const findings = mine.map((outcome) => outcome.finding);
      const first = mine[0];
      content = { state: worst(findings.map((finding) => finding.severity)), name, findings, fix: first === undefined ? null : this.current.fixFor(first), dark, security };
      this.badgeContents.set(contentKey, content);
    }
    badge.update(content);
  }

  /** Off the page, kept for the next render or the next client page. */
  private putAway(key: string): void {
    const badge = this.badges.get(key);
    if (badge === undefined) return;
    badge.detach();
    this.badges.delete(key);
    spareBadges.set(key, badge);
  }
}
