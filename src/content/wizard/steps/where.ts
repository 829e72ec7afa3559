/** Step 1, "Where is Sentry?": self-hosted URL and slug, sentry.io and slug, or Sentry's SP metadata. */
import type { Dom } from "../../dom.js";
import type { MessageResponse } from "../../../platform/messages.js";
import type { StepContext, WhereErrors, WhereInput } from "../model.js";

/** What the background made of step 1's input: errors by field, or where Sentry is (metadata turned into URL and slug). */
export function whereOutcome(prepared: MessageResponse<"wizard.prepare">): { readonly errors: WhereErrors } | { readonly where: Omit<WhereInput, "spMetadata"> } {
  if (!prepared.ok || prepared.preset === null) {
    const errors: { -readonly [K in keyof WhereErrors]: string } = {};
    for (const error of prepared.errors) errors[error.field] = error.message;
    return { errors };
  }
  const normalized = prepared.preset;
  return { where: { kind: normalized.kind, urlPrefix: normalized.kind === "sentry-self-hosted" ? normalized.urlPrefix : "", orgSlug: normalized.orgSlug } };
}

export function whereStepBody({ dom, model, actions }: StepContext): HTMLElement[] {
  const { el } = dom;
  const { progress, errors } = model;
  const form = el("form", { "aria-label": "Where is Sentry?" });
  const radios = el("fieldset", { className: "radios" });
  radios.append(el("legend", {}, "Sentry runs"));
  const choices = [
    { value: "sentry-self-hosted", label: "self-hosted", checked: model.spMetadata === null && progress.kind === "sentry-self-hosted" },
    { value: "sentry-saas", label: "on sentry.io", checked: model.spMetadata === null && progress.kind === "sentry-saas" },
    { value: "sp-metadata", label: "I have Sentry's SP metadata (XML or URL)", checked: model.spMetadata !== null },
  ] as const;
  const kindInputs = choices.map((choice) => {
    const input = el("input", { type: "radio", name: "kind", value: choice.value });
    input.checked = choice.checked;
    radios.append(el("label", {}, input, choice.label));
    return input;
  });
  const chosen = () => choices[kindInputs.findIndex((input) => input.checked)]?.value ?? "sentry-self-hosted";
  const url = textInput(dom, "urlPrefix", "Sentry URL (self-hosted)", progress.urlPrefix, "https://sentry.example.com", errors.urlPrefix);
  const slug = textInput(dom, "orgSlug", "Organization slug", progress.orgSlug, "my-org", errors.orgSlug);
  const metadata = textArea(dom, "spMetadata", "Sentry's SP metadata: paste the XML Sentry serves at …/saml/metadata/<org>/, or that URL", model.spMetadata ?? "", errors.spMetadata);
  const sync = () => {
    const kind = chosen();
    const show = (field: { label: HTMLElement; input: HTMLInputElement | HTMLTextAreaElement }, shown: boolean) => {
      field.input.disabled = !shown;
      field.label.hidden = !shown;
    };
    show(url, kind === "sentry-self-hosted");
    show(slug, kind !== "sp-metadata");
    show(metadata, kind === "sp-metadata");
  };
  for (const input of kindInputs) input.addEventListener("change", sync);
  sync();
  const submit = dom.button("Next", "next", "primary", () => undefined);
  submit.type = "submit";
  submit.disabled = model.busy;
  form.append(radios, url.label, slug.label, metadata.label);
  if (errors.other !== undefined) form.append(el("p", { className: "field-error", role: "alert" }, errors.other));
  form.append(el("div", { className: "actions" }, submit));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const kind = chosen();
    if (kind === "sp-metadata") actions.submitWhere({ kind: progress.kind, urlPrefix: progress.urlPrefix, orgSlug: progress.orgSlug, spMetadata: metadata.input.value });
    else actions.submitWhere({ kind, urlPrefix: url.input.value, orgSlug: slug.input.value });
  });
  return [el("p", {}, `Keycloak realm: ${model.realm} (from the console).`), form];
}

function textInput(dom: Dom, name: string, labelText: string, value: string, placeholder: string, error: string | undefined): { label: HTMLElement; input: HTMLInputElement } {
  const input = dom.el("input", { type: "text", name, placeholder, autocomplete: "off", spellcheck: "false" });
  input.value = value;
  return { label: labelled(dom, labelText, input, error), input };
}

function textArea(dom: Dom, name: string, labelText: string, value: string, error: string | undefined): { label: HTMLElement; input: HTMLTextAreaElement } {
  const input = dom.el("textarea", { name, rows: "5", autocomplete: "off", spellcheck: "false" });
  input.value = value;
  return { label: labelled(dom, labelText, input, error), input };
}

/** The field in its label, with its error (if any) announced as the field's description. */
function labelled(dom: Dom, labelText: string, input: HTMLInputElement | HTMLTextAreaElement, error: string | undefined): HTMLElement {
  const label = dom.el("label", {}, labelText, input);
  if (error !== undefined) {
    const id = `error-${input.name}`;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
    label.append(dom.el("p", { className: "field-error", id }, error));
  }
  return label;
}
