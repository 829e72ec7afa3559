/**
 * Where things are on the console's Import client and Create client pages (the setup wizard's step 2): test ids,
 * element ids and PatternFly classes, no label text.
 */
import { formKey } from "../core/keycloak/form-keys.js";
import { settingKey } from "../core/keycloak/attributes.js";
import { FORM_GROUP } from "./selectors.js";

/** Clients list: the toolbar's "Import client" link; the wizard's start button goes after it. */
export const IMPORT_CLIENT_LINK = '[data-testid="importClient"]';

/** Import client: the file input behind the console's upload field (`realm-file`), where a chosen file goes. */
export const IMPORT_FILE_INPUT = 'input[type="file"]';

/** Import client: the form's Client ID once the console has read the file. */
export const IMPORTED_CLIENT_ID = 'input[id="clientId"], [data-testid="clientId"]';

/** Import client: a switch of the form the console fills from the file (Encrypt assertions, Client signature required). */
export const importedSwitch = (name: "encryptAssertions" | "clientSignatureRequired"): string => `input[type="checkbox"][data-testid="${formKey(settingKey(name))}"]`;

/**
 * Create client (`…/clients/add-client`): a PatternFly wizard whose steps' nav links have ids; the shown one carries
 * `pf-m-current`. SAML clients have two steps (General settings, Login settings).
 */
export const CREATE_CLIENT_STEPS = { general: "generalSettings", login: "loginSettings" } as const;

export function createClientStep(root: Document): keyof typeof CREATE_CLIENT_STEPS | null {
  for (const [step, id] of Object.entries(CREATE_CLIENT_STEPS) as Array<[keyof typeof CREATE_CLIENT_STEPS, string]>) {
    if (root.getElementById(id)?.classList.contains("pf-m-current") === true) return step;
  }
  return null;
}

/** Create client: the wizard footer's primary button (Next on General settings, Save on Login settings). */
export function createClientSubmit(root: Document): HTMLElement | null {
  return root.querySelector<HTMLElement>(".pf-v5-c-wizard__footer button[type=submit], .pf-c-wizard__footer button[type=submit]");
}

/**
 * Create client's fields, by id: the Client type select (`protocol`, options `select-protocol`, whose text is the
 * protocol's name, "SAML" in every language), then General settings and Login settings.
 */
export const CREATE_CLIENT_FIELDS = {
  protocol: "protocol",
  clientId: "clientId",
  name: "name",
  rootUrl: "rootUrl",
  homeUrl: "baseUrl",
  idpInitiatedSsoUrlName: formKey(settingKey("idpInitiatedSsoUrlName")),
  masterSamlProcessingUrl: "adminUrl",
} as const;

/** A Create client field by its 26 id; 24–25 give some other ids (`kc-root-url`, …) but the same form names. */
export function createClientField(root: Document, id: string): HTMLElement | null {
  return root.getElementById(id) ?? root.getElementsByName(id)[0] ?? null;
}

/** The Client type select: `#protocol` (26), or on 24–25 the PatternFly 4 select of the group labelled for `kc-type`. */
export function createClientProtocol(root: Document): HTMLElement | null {
  return root.getElementById(CREATE_CLIENT_FIELDS.protocol) ?? root.querySelector('label[for="kc-type"]')?.closest(FORM_GROUP)?.querySelector<HTMLElement>("button.pf-c-select__toggle") ?? null;
}
