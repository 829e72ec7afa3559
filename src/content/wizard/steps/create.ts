/**
 * Step 2 by hand: the console's own Create client wizard, filled in step by step as a user would type it. The
 * user presses the console's Next and Save; SAML Lens only types into its fields and points at them. The values
 * come from the same complete client the import path uses, so both paths aim at the same client.
 */
import { applyWrites, chooseOption, setNativeValue, type FixReport } from "../../form-writer.js";
import { wait } from "../../wait.js";
import { fieldByKey, hasFocus, selectText, uriListInputs } from "../../selectors.js";
import { CREATE_CLIENT_FIELDS, createClientField, createClientProtocol, createClientSubmit } from "../../create-client-selectors.js";
import type { CreateStep, StepContext } from "../model.js";

export interface CreateClientValues {
  readonly clientId: string;
  readonly name: string;
  readonly rootUrl: string;
  readonly homeUrl: string;
  readonly redirectUri: string;
  readonly idpInitiatedSsoUrlName: string;
  /**
   * Empty, as in the complete client: Create client has no field for the ACS POST binding URL (step 3 sets it on the
   * Advanced tab), and with Force POST binding on Keycloak would post logout answers to this URL.
   */
  readonly masterSamlProcessingUrl: string;
}

/** Keycloak's name for the SAML protocol in the Client type list; a protocol name, the same in every language. */
const SAML_OPTION = "SAML";


/** The values of the wizard's complete client (the import file), as Create client asks for them. */
export function createValuesFrom(clientJson: string): CreateClientValues | null {
  let client: unknown;
  try {
    client = JSON.parse(clientJson);
  } catch {
    return null;
  }
  if (typeof client !== "object" || client === null) return null;
  const record = client as Record<string, unknown>;
  const attributes = (typeof record.attributes === "object" && record.attributes !== null ? record.attributes : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const redirectUris = Array.isArray(record.redirectUris) ? record.redirectUris : [];
  return {
    clientId: text(record.clientId),
    name: text(record.name),
    rootUrl: text(record.rootUrl),
    homeUrl: text(record.baseUrl),
    redirectUri: text(redirectUris[0]),
    idpInitiatedSsoUrlName: text(attributes.saml_idp_initiated_sso_url_name),
    masterSamlProcessingUrl: text(record.adminUrl),
  };
}

/** The fields SAML Lens filled in on the shown step stay outlined, so the user sees what to review. */
const MARK = "data-saml-lens-filled";

function mark(element: HTMLElement): void {
  element.setAttribute(MARK, "");
  element.style.outline = "2px solid #8476d1";
  element.style.outlineOffset = "2px";
}

/** Outlines the console's Next/Save button of the shown step: the user's click, not ours. */
export function pointAtSubmit(doc: Document): HTMLElement | null {
  const submit = createClientSubmit(doc);
  if (submit !== null) mark(submit);
  return submit;
}

async function typeInto(doc: Document, id: string, value: string, problems: string[]): Promise<boolean> {
  const input = createClientField(doc, id);
  if (!(input instanceof HTMLInputElement)) {
    problems.push(`${id} is not on this page.`);
    return false;
  }
  if (hasFocus(input)) {
    problems.push(`${id} is being edited; it was left as it is.`);
    return false;
  }
  if (input.value !== value) setNativeValue(input, value);
  mark(input);
  await wait(30);
  return true;
}

/** General settings: Client type SAML, Client ID, Name. */
export async function fillGeneralSettings(doc: Document, values: CreateClientValues): Promise<FixReport> {
  const problems: string[] = [];
  let changed = 0;
  // Let the click that asked for this finish first: the select's menu closes on any click outside it once it is open.
  await wait(50);
  const protocol = createClientProtocol(doc);
  if (protocol === null) problems.push("The Client type field is not on this page.");
  else if (selectText(protocol) !== SAML_OPTION) {
    const problem = await chooseOption(doc, protocol, SAML_OPTION, "Client type");
    if (problem === null) changed += 1;
    else problems.push(problem);
    // The form changes with the protocol: let it render before typing into it.
    await wait(100);
  }
  if (protocol !== null) mark(protocol);
  for (const [id, value] of [
    [CREATE_CLIENT_FIELDS.clientId, values.clientId],
    [CREATE_CLIENT_FIELDS.name, values.name],
  ] as const) {
    if (await typeInto(doc, id, value, problems)) changed += 1;
  }
  pointAtSubmit(doc);
  return { changed, problems, confirming: 0 };
}

/** Login settings: Root URL, Home URL, Valid redirect URIs, IDP-Initiated SSO URL name, Master SAML Processing URL. */
export async function fillLoginSettings(doc: Document, values: CreateClientValues): Promise<FixReport> {
  const problems: string[] = [];
  let changed = 0;
  for (const [id, value] of [
    [CREATE_CLIENT_FIELDS.rootUrl, values.rootUrl],
    [CREATE_CLIENT_FIELDS.homeUrl, values.homeUrl],
    [CREATE_CLIENT_FIELDS.idpInitiatedSsoUrlName, values.idpInitiatedSsoUrlName],
    [CREATE_CLIENT_FIELDS.masterSamlProcessingUrl, values.masterSamlProcessingUrl],
  ] as const) {
    if (await typeInto(doc, id, value, problems)) changed += 1;
  }
  const redirectUris = fieldByKey("redirectUris");
  if (redirectUris !== undefined && values.redirectUri !== "") {
    const report = await applyWrites(doc, [{ field: redirectUris, uri: values.redirectUri, index: 0 }]);
    changed += report.changed;
    problems.push(...report.problems);
    const entry = uriListInputs(doc)[0];
    if (entry !== undefined) mark(entry);
  }
  pointAtSubmit(doc);
  return { changed, problems, confirming: 0 };
}

/** Fills in the Create client step shown with the complete client's values; says what to do next. */
export async function fillCreateClientStep(doc: Document, clientJson: string | null, step: CreateStep | null): Promise<string> {
  const values = clientJson === null ? null : createValuesFrom(clientJson);
  if (values === null) return "The client could not be built; go back and check the input.";
  if (step === null) return "The console's Create client form is not shown.";
  const report = step === "general" ? await fillGeneralSettings(doc, values) : await fillLoginSettings(doc, values);
  pointAtSubmit(doc);
  const press = step === "general" ? "Next" : "Save";
  return [`Filled in (outlined): review, then press the console's ${press}.`, ...report.problems].join(" ");
}

export function createStepBody({ dom, model, actions }: StepContext): HTMLElement[] {
  const { el, button } = dom;
  const parts: HTMLElement[] = [
    el("p", {}, `The console's Create client asks in two steps. SAML Lens fills in each one for ${model.clientId} and outlines what it filled in; you press the console's Next, then Save.`),
  ];
  const row = el("div", { className: "actions" });
  if (!model.onCreatePage) {
    row.append(button("Open Create client", "open-create", "primary", () => actions.openCreatePage()));
  } else if (model.createStep === "general") {
    parts.push(el("p", {}, "General settings: Client type SAML, the Client ID Sentry expects, a name."));
    const fill = button("Fill in General settings", "fill-create", "primary", () => actions.fillCreateStep());
    fill.disabled = model.busy;
    row.append(fill);
  } else if (model.createStep === "login") {
    parts.push(el("p", {}, "Login settings: Valid redirect URIs is Sentry's ACS and Master SAML Processing URL stays empty (with it, Keycloak would post logout answers there; step 3 sets the ACS on the Advanced tab); the IDP-Initiated SSO URL name lets you test the login from Keycloak."));
    const fill = button("Fill in Login settings", "fill-create", "primary", () => actions.fillCreateStep());
    fill.disabled = model.busy;
    row.append(fill);
  } else {
    parts.push(el("p", {}, "Waiting for the console's Create client form…"));
  }
  row.append(button("Back", "back", "secondary", () => actions.goTo("import")));
  parts.push(row);
  return parts;
}
