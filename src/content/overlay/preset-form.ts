/** The card's form for the client's Sentry: self-hosted (URL and slug) or sentry.io (slug). */
import type { PresetChoice as OverlayPreset } from "../../core/presets/choice.js";
import { domOf } from "../dom.js";

export function presetForm(doc: Document, problem: string | null, initial: OverlayPreset | null, choose: (preset: OverlayPreset) => void): HTMLElement {
  const { el } = domOf(doc);
  const form = el("form");
  form.dataset.action = "choose-preset";
  const radio = (value: OverlayPreset["kind"], text: string) => {
    const input = el("input", { type: "radio", name: "kind", value });
    input.checked = (initial?.kind ?? "sentry-self-hosted") === value;
    return el("label", {}, input, text);
  };
  const radios = el("div", { className: "radios", role: "radiogroup", "aria-label": "Sentry" }, radio("sentry-self-hosted", "Self-hosted Sentry"), radio("sentry-saas", "sentry.io"));
  const field = (name: string, text: string, value: string, placeholder: string) => {
    const input = el("input", { type: "text", name, placeholder });
    input.value = value;
    return el("label", {}, text, input);
  };
  const url = field("urlPrefix", "Sentry URL", initial?.kind === "sentry-self-hosted" ? initial.urlPrefix : "", "https://sentry.example.com");
  const org = field("orgSlug", "Organization slug", initial?.orgSlug ?? "", "my-org");
  const save = el("button", { type: "submit", className: "primary" }, "Check this client");
  const parts: Node[] = [radios, url, org];
  if (problem !== null) parts.push(el("p", { className: "problem", role: "alert" }, problem));
  form.append(...parts, save);
  const value = (selector: string) => form.querySelector<HTMLInputElement>(selector)?.value;
  const sync = () => {
    url.hidden = value('input[name="kind"]:checked') === "sentry-saas";
  };
  sync();
  form.addEventListener("change", sync);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const orgSlug = value('input[name="orgSlug"]')?.trim() ?? "";
    const urlPrefix = value('input[name="urlPrefix"]')?.trim() ?? "";
    choose(value('input[name="kind"]:checked') === "sentry-saas" ? { kind: "sentry-saas", orgSlug } : { kind: "sentry-self-hosted", urlPrefix, orgSlug });
  });
  // Typing here must not reach the console's form handlers (its shortcuts, its dirty tracking).
  for (const type of ["keydown", "keyup", "keypress", "input", "change"]) form.addEventListener(type, (event) => event.stopPropagation());
  return form;
}
