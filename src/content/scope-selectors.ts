/**
 * DOM queries of the client's Client scopes tab, its dedicated scope and the scope's mapper forms (24–26, PatternFly 4
 * and 5), as selectors.ts does for the client's own settings: by id, name, data-testid or link, never by label text.
 */
import { beer, FORM_GROUP } from "./selectors.js";

/** Client scopes › Setup: the row of the client's dedicated scope (its link leads to `…/clientScopes/dedicated`). */
export function dedicatedScopeRow(root: ParentNode): HTMLElement | null {
  const link = root.querySelector('table tbody a[href*="/clientScopes/dedicated"]');
  return link?.closest<HTMLElement>("tr") ?? null;
}

/** Client scopes › Setup: the row of an assigned scope, by its name (a realm's data, never translated). */
export function scopeRow(root: ParentNode, name: string): HTMLElement | null {
  return scopeNameCell(root, name)?.closest("tr") ?? null;
}

/**
 * The cell that names an assigned scope (the row's first cell is a selection checkbox on current consoles). The 24–25
 * consoles keep the Evaluate sub-tab's tables in the page, hidden: those are not the client's scopes.
 */
export function scopeNameCell(root: ParentNode, name: string): HTMLTableCellElement | null {
  for (const cell of Array.from(root.querySelectorAll<HTMLTableCellElement>("table tbody tr td"))) {
    if ((cell.textContent ?? "").trim() === name && cell.closest("[hidden]") === null) return cell;
  }
  return null;
}

/**
 * A client page's route as 26 writes it (`…/mappers/<id>/edit`, `…/mappers/<type>/new`), as the shown console routes
 * it: 24–25 have no mode after a mapper (their 26-style routes show "Page Not Found") and no `clientScopes/setup`
 * sub-route. Told by the Mappers list's own links when shown, else by the older consoles' PatternFly 4 page.
 */
export function consoleRoute(root: Document, route: string): string {
  const links = Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href*="/dedicated/mappers/"]')).map((link) => link.getAttribute("href") ?? "");
  const older = links.length > 0 ? !links.some((href) => /\/(edit|new)$/.test(href)) : root.querySelector(".pf-c-page") !== null;
  return older ? route.replace(/\/mappers\/([^/]+)\/(edit|new)$/, "/mappers/$1").replace(/^clientScopes\/setup$/, "clientScopes") : route;
}

/** The dedicated scope's tab bar (Mappers, Scope); the summary card goes right above it there. */
export function dedicatedScopeTabs(root: Document): Element | null {
  return root.querySelector('[data-testid="mappersTab"]')?.closest(".pf-v5-c-tabs, .pf-c-tabs") ?? null;
}

/** `…/dedicated/mappers/<id>/edit`; 24–25 link to `…/dedicated/mappers/<id>`. */
const MAPPER_LINK = /\/dedicated\/mappers\/([^/]+)(?:\/edit)?$/;

/** The dedicated scope's Mappers list: each row's name link (to the mapper's form), by mapper id. */
export function mapperRowLinks(root: ParentNode): Map<string, HTMLAnchorElement> {
  const links = new Map<string, HTMLAnchorElement>();
  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>('table tbody td a[href*="/dedicated/mappers/"]'))) {
    const id = MAPPER_LINK.exec(link.getAttribute("href") ?? "")?.[1];
    if (id !== undefined) links.set(decodeURIComponent(id), link);
  }
  return links;
}

/** The Mappers list's "Add mapper" menu toggle (From predefined mappers / By configuration). */
export const ADD_MAPPER_TOGGLE = "mapperAction";

/**
 * A field of a mapper's form (…/mappers/{id}/edit, or the form By configuration opens): `name`, or a config key such
 * as `attribute.name` (text: `config.attribute🍺name`; switches and selects: the raw key, e.g. `single`).
 */
export function mapperFormField(root: Document, key: string): HTMLElement | null {
  if (key === "name") return root.getElementById("name");
  return (
    root.getElementById(`config.${beer(key)}`) ??
    root.getElementById(key) ??
    // A key-select (the User Property mapper's Property on real servers, whose list comes from the user profile): a
    // menu of known keys beside a text input for any key, the one SAML Lens types into.
    root.querySelector<HTMLElement>(`input[data-testid="config.${beer(key)}"]`)
  );
}

/** The mapper form (found by its read-only Mapper type field); the card goes above it. */
export function mapperForm(root: Document): HTMLFormElement | null {
  return root.getElementById("mapperType")?.closest("form") ?? null;
}

/** A table row's ⋮ menu toggle (Client scopes › Setup: Remove). */
export function rowActionsToggle(row: Element): HTMLElement | null {
  return row.querySelector<HTMLElement>(".pf-v5-c-table__action button, .pf-c-table__action button");
}

