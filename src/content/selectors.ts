/**
 * Every DOM query of the Keycloak admin console (24–26, PatternFly 4 and 5 class names). Nothing here depends on label
 * text, which the console translates: fields are found by id, name or data-testid as the console renders them (see
 * docs/keycloak-admin-console.md). Attribute keys with dots appear "beerified" (`.` → `🍺`) in ids and names.
 */
import { CLIENT_SETTINGS, settingKey, settingTab, type ClientAttributeName, type ClientSettingName } from "../core/keycloak/attributes.js";
import type { ClientTab } from "../core/keycloak/console-routes.js";
import { formKey, settingFormKey } from "../core/keycloak/form-keys.js";

/** How the overlay reads and writes a setting. */
export type FieldKind =
  | "text"
  | "switch"
  /** PatternFly menu-toggle; no native input: the toggle shows the value, options are buttons. */
  | "select"
  /** Keys tab: clicking opens the console's confirmation dialog, which saves at once. */
  | "dialog-switch"
  /** One text input per entry. */
  | "uri-list";

/** A client setting where the console shows it: its form key, tab and label (from the core table) and its element. */
export interface ConsoleField {
  /** The setting's name in the core table (core/keycloak/attributes.ts). */
  readonly name: ClientSettingName;
  /** The form key: `clientId`, `frontchannelLogout`, `redirectUris`, `attributes.saml.force.post.binding`, … */
  readonly key: string;
  readonly tab: ClientTab;
  readonly kind: FieldKind;
  /** The element that holds the value (for a uri-list: the first entry). */
  readonly selector: string;
  /** The element's id, when it has one: looked up by id, which is far cheaper than an attribute selector on a big form. */
  readonly id?: string;
  /** The ids older consoles give the same element (26.0–26.2: no `attributes.` prefix; 24–25: their own names). */
  readonly olderIds?: readonly string[];
  /** Top-level booleans are JSON booleans; attributes are the strings "true"/"false". */
  readonly booleanType?: "json" | "string";
  /** Read for the check but badged only when a finding points at it (e.g. the fallback ACS URL). */
  readonly badgeOnFindingOnly?: boolean;
  /**
   * Rendered on its tab for every SAML client, whatever the other settings: when it is missing there, the console is
   * not the one these selectors know (conditional fields, such as Signature algorithm, are not marked).
   */
  readonly alwaysShown?: boolean;
  /** The setting's English label, for the overlay's own messages. */
  readonly label: string;
}

/** Where a setting's element is and how it works; the rest comes from the core table. */
type Place = Omit<ConsoleField, "name" | "key" | "tab" | "label" | "booleanType">;

/** An attribute key as the console writes it into ids and names: dots "beerified". */
export const beer = (key: string) => key.replaceAll(".", "\u{1F37A}");
const byId = (id: string) => `[id="${id}"]`;

function field(name: ClientSettingName, place: Place): ConsoleField {
  const switchLike = place.kind === "switch" || place.kind === "dialog-switch";
  return {
    name,
    key: settingFormKey(name),
    tab: settingTab(name),
    label: CLIENT_SETTINGS[name].label,
    ...place,
    ...(switchLike ? { booleanType: CLIENT_SETTINGS[name].where === "attribute" ? ("string" as const) : ("json" as const) } : {}),
  };
}

/** An attribute the console's form names by its form key, dots beerified. */
function attributeField(name: ClientAttributeName, kind: FieldKind, alwaysShown = true, olderIds?: readonly string[]): ConsoleField {
  const id = formKey(beer(settingKey(name)));
  const selector = kind === "select" ? `button${byId(id)}` : `input${byId(id)}`;
  return field(name, { kind, selector, id, alwaysShown, ...(olderIds === undefined ? {} : { olderIds }) });
}

/** The settings the client checker looks at, where the console shows them. */
export const CONSOLE_FIELDS: readonly ConsoleField[] = [
  field("clientId", { kind: "text", selector: `input${byId("clientId")}`, id: "clientId", alwaysShown: true }),
  // Shown only while the standard flow is on.
  field("redirectUris", { kind: "uri-list", selector: 'input[name="redirectUris.0.value"], [data-testid="redirectUris0"]' }),
  field("masterSamlProcessingUrl", {
    kind: "text",
    selector: `input${byId("adminUrl")}`,
    id: "adminUrl",
    olderIds: ["masterSamlProcessingUrl"],
    badgeOnFindingOnly: true,
    alwaysShown: true,
  }),
  attributeField("nameIdFormat", "select", true, [settingKey("nameIdFormat"), "samlNameIdFormat"]),
  attributeField("forceNameIdFormat", "switch"),
  attributeField("forcePostBinding", "switch"),
  attributeField("includeAuthnStatement", "switch"),
  attributeField("signDocuments", "switch"),
  attributeField("signAssertions", "switch"),
  // Shown only while a signing switch is on.
  attributeField("signatureAlgorithm", "select", false, [beer(settingKey("signatureAlgorithm")), "signatureAlgorithm"]),
  field("frontChannelLogout", { kind: "switch", selector: `input${byId("kc-frontchannelLogout-switch")}`, id: "kc-frontchannelLogout-switch", alwaysShown: true }),
  field("clientSignatureRequired", { kind: "dialog-switch", selector: `input${byId("clientSignature")}`, id: "clientSignature", alwaysShown: true }),
  field("encryptAssertions", { kind: "dialog-switch", selector: `input${byId("encryptAssertions")}`, id: "encryptAssertions", alwaysShown: true }),
  attributeField("assertionConsumerPostUrl", "text"),
  attributeField("logoutRedirectUrl", "text"),
  { ...attributeField("logoutPostUrl", "text"), badgeOnFindingOnly: true },
];

export function fieldByKey(key: string): ConsoleField | undefined {
  return CONSOLE_FIELDS.find((field) => field.key === key);
}

export function findField(root: Document, field: ConsoleField): HTMLElement | null {
  if (field.id !== undefined) {
    const element = root.getElementById(field.id);
    if (element instanceof HTMLElement && element.matches(field.selector)) return element;
    // An older console's id for the same control: the same kind of element (a select's toggle is a button).
    const tag = field.kind === "select" ? "BUTTON" : "INPUT";
    for (const id of field.olderIds ?? []) {
      const older = root.getElementById(id);
      if (older instanceof HTMLElement && older.tagName === tag) return older;
    }
    return null;
  }
  if (field.kind === "uri-list") return uriListInputs(root)[0] ?? null;
  return root.querySelector<HTMLElement>(field.selector);
}

/** Every entry of a uri-list field (Valid redirect URIs), in order. */
export function uriListInputs(root: Document): HTMLInputElement[] {
  const inputs: HTMLInputElement[] = [];
  for (let index = 0; ; index++) {
    const input = root.getElementsByName(`redirectUris.${index}.value`)[0];
    if (!(input instanceof HTMLInputElement)) return inputs;
    inputs.push(input);
  }
}

/**
 * Valid redirect URIs' add button: `redirectUris-addValue` on 26.3+; older consoles call every list's button `addValue`,
 * so it is the one in the redirect URIs' own form group.
 */
export function addRedirectUriButton(root: Document): HTMLElement | null {
  const current = root.querySelector<HTMLElement>('[data-testid="redirectUris-addValue"]');
  if (current !== null) return current;
  return uriListInputs(root)[0]?.closest(FORM_GROUP)?.querySelector<HTMLElement>('[data-testid="addValue"]') ?? null;
}

/** The remove button of one Valid redirect URIs entry: in the entry's own input group (every list numbers its own). */
export function uriRemoveButton(input: HTMLInputElement): HTMLElement | null {
  return input.closest(".pf-v5-c-input-group, .pf-c-input-group")?.querySelector<HTMLElement>('button[data-testid^="remove"]') ?? null;
}

/** The value a select toggle shows (Name ID format and Signature algorithm show the stored value itself). */
export function selectText(toggle: HTMLElement): string {
  const text = toggle.querySelector(".pf-v5-c-menu-toggle__text, .pf-c-menu-toggle__text, .pf-c-select__toggle-text") ?? toggle;
  return (text.textContent ?? "").trim();
}

/**
 * The open option list of a select: `select-<form name>`, the form name being the toggle's id (PatternFly 5 consoles);
 * on PatternFly 4 consoles (24–25) the list opens inside the toggle's own `.pf-c-select`.
 */
export function selectOptions(root: ParentNode, toggle: HTMLElement): HTMLElement[] {
  // 26.3+ name the list after the field; 26.0–26.2 render it unnamed beside the toggle (PatternFly's inline popper);
  // 24–25 (PatternFly 4) inside the select.
  const list =
    root.querySelector(`[data-testid="select-${toggle.id}"]`) ??
    toggle.closest(".pf-c-select")?.querySelector('[role="listbox"]') ??
    toggle.closest(FORM_GROUP)?.querySelector('[role="listbox"]') ??
    null;
  return list === null ? [] : Array.from(list.querySelectorAll<HTMLElement>('[role="option"]'));
}

export const FORM_GROUP = ".pf-v5-c-form__group, .pf-c-form__group";
const GROUP_LABEL = ".pf-v5-c-form__group-label, .pf-c-form__group-label";

/** Where a field's badge goes: after the field's label (inside the label column), else after the control. */
export function badgeAnchor(control: HTMLElement): { parent: Element; before: Node | null } {
  const group = control.closest(FORM_GROUP);
  const label = group?.querySelector(GROUP_LABEL);
  if (label) return { parent: label, before: null };
  const wrapper = control.closest(".pf-v5-c-switch, .pf-c-switch") ?? control;
  return { parent: wrapper.parentElement ?? control, before: wrapper.nextSibling };
}

/** The client's tab bar; the summary card goes right above it. */
export const CLIENT_TABS = '[data-testid="client-tabs"]';

/** The page's main content (PatternFly's page layout): the card's place when the tab bar is not found. */
export const PAGE_MAIN = "main";

const TAB_TEST_IDS: Partial<Record<ClientTab, string>> = {
  settings: "clientSettingsTab",
  keys: "keysTab",
  clientScopes: "clientScopesTab",
  advanced: "advancedTab",
};

export function tabLink(root: ParentNode, tab: ClientTab): HTMLElement | null {
  const id = TAB_TEST_IDS[tab];
  return id === undefined ? null : root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}

const CLIENT_LINK = /\/clients\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/settings$/i;

/** Clients list: each row's Client ID link (to the client's Settings), by client uuid (lower case). */
export function clientListLinks(root: ParentNode): Map<string, HTMLAnchorElement> {
  const links = new Map<string, HTMLAnchorElement>();
  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>('table tbody td a[href*="/clients/"]'))) {
    const uuid = CLIENT_LINK.exec(link.getAttribute("href") ?? "")?.[1];
    if (uuid !== undefined && !links.has(uuid.toLowerCase())) links.set(uuid.toLowerCase(), link);
  }
  return links;
}

/** The console's dark theme is a class on the root element (PatternFly 5; Keycloak sets it when darkMode is on). */
export function consoleIsDark(doc: Document): boolean {
  const root = doc.documentElement;
  return root.classList.contains("pf-v5-theme-dark") || root.classList.contains("pf-theme-dark");
}

/** Calls `changed` when the console switches between light and dark (it can, at run time, without a route change). */
export function watchTheme(doc: Document, signal: AbortSignal, changed: () => void): void {
  let dark = consoleIsDark(doc);
  const observer = new MutationObserver(() => {
    if (consoleIsDark(doc) === dark) return;
    dark = !dark;
    changed();
  });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ["class"] });
  signal.addEventListener("abort", () => observer.disconnect());
}

/** The console's modal dialogs (a Keys-tab switch's confirmation, a delete): SAML Lens's popovers make way for them. */
export function consoleDialogOpen(doc: Document): boolean {
  return doc.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

/** The page's own form is being edited: never write into a field with focus. */
export function hasFocus(element: Element): boolean {
  const active = element.ownerDocument.activeElement;
  return active !== null && (active === element || element.contains(active));
}

/** The toolbar item holding a toolbar control (the control itself when it sits in none). */
export function toolbarItem(control: Element): Element {
  return control.closest(".pf-v5-c-toolbar__item, .pf-c-toolbar__item") ?? control;
}