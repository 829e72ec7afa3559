/**
 * Step 5, the values to enter in Sentry, and Keycloak's IdP descriptor for the realm, read from the console's own
 * origin: recent self-hosted Sentry refuses to fetch metadata from a private address, so the user pastes the XML into
 * Sentry instead of the metadata URL.
 */
import { presetChoiceOf, sentryUrlPrefixOf } from "../../../core/presets/choice.js";
import { fetchDescriptor, type Descriptor } from "../../realm-descriptor.js";
import type { StepContext } from "../model.js";

/** Reads the descriptor once per URL, when the Sentry step first shows it, and calls `loaded` when it has it. */
export class DescriptorReader {
  private current: { readonly url: string; value: Descriptor } | null = null;

  constructor(private readonly loaded: () => void) {}

  read(url: string | null): Descriptor | null {
    if (url === null) return null;
    if (this.current?.url !== url) {
      const entry: { readonly url: string; value: Descriptor } = { url, value: { kind: "loading" } };
      this.current = entry;
      void fetchDescriptor(url).then((value) => {
        entry.value = value;
        if (this.current === entry) this.loaded();
      });
    }
    return this.current.value;
  }
}

export function sentryStepBody({ dom, model, actions, copy }: StepContext): HTMLElement[] {
  const { el, button, code } = dom;
  const side = model.sentrySide;
  const orgSettings = `${sentryUrlPrefixOf(presetChoiceOf(model.progress))}/settings/${model.progress.orgSlug}/auth/`;
  const parts: HTMLElement[] = [el("p", {}, "In Sentry: Settings → Auth → SAML2. Enter these values:")];
  if (side === null) {
    parts.push(el("p", { className: "field-error" }, "The values could not be computed from this console's address."));
  } else {
    const list = el("dl");
    const row = (label: string, value: string, key: string) => {
      const copyButton = button("Copy", `copy-${key}`, "secondary", () => copy(value, label));
      copyButton.setAttribute("aria-label", `Copy ${label}`);
      list.append(el("dt", {}, label), el("dd", {}, code(value), copyButton));
    };
    row("Metadata URL", side.metadataUrl, "metadata-url");
    row("Entity ID", side.entityId, "entity-id");
    row("Single Sign On URL", side.ssoUrl, "sso-url");
    for (const mapping of side.attributeMapping) row(mapping.sentryField, mapping.samlAttributeName, mapping.sentryField.toLowerCase().replace(/\W+/g, "-"));
    parts.push(list, ...side.notes.map((note) => el("p", { className: "note" }, note)));
    parts.push(...descriptorPart({ dom, model, actions, copy }, model.descriptor, side.notes.length > 0));
  }
  const link = el("a", { href: orgSettings, target: "_blank", rel: "noopener noreferrer" }, "Open the organization's auth settings in Sentry");
  parts.push(el("p", {}, link));
  parts.push(el("p", {}, "A user who signs in through this SSO and is not yet a member is added to the organization, with the default role."));
  if (model.progress.kind === "sentry-self-hosted") {
    parts.push(el("p", {}, "To stop new sign-ups on self-hosted Sentry, set this in sentry/sentry.conf.py of the self-hosted checkout (not inside a running container), then restart:"));
    parts.push(el("pre", {}, 'SENTRY_FEATURES["auth:register"] = False'));
  }
  parts.push(
    el(
      "div",
      { className: "actions" },
      button("Next: test the login", "next", "primary", () => actions.goTo("login")),
      button("Back", "back", "secondary", () => actions.goTo("mappers")),
      button("Finish", "finish", "secondary", () => actions.finish()),
    ),
  );
  return parts;
}

/** For a Sentry that cannot reach this Keycloak: the metadata itself, to paste as "Metadata XML". */
function descriptorPart({ dom, copy }: StepContext, descriptor: Descriptor | null, privateNoted: boolean): HTMLElement[] {
  const { el, button } = dom;
  // The note above already says why when Keycloak's address looks private: say it once.
  const heading = el("p", {}, privateNoted ? "The realm's metadata XML:" : "If Sentry cannot reach this Keycloak (e.g. a private address), paste the metadata XML instead of the URL:");
  if (descriptor === null || descriptor.kind === "loading") return [heading, el("p", { className: "note" }, "Reading the realm's metadata…")];
  if (descriptor.kind === "failed") return [heading, el("p", { className: "field-warning" }, descriptor.reason)];
  const xml = el("textarea", { name: "descriptor", rows: "4", readonly: "", spellcheck: "false", "aria-label": "Metadata XML" });
  xml.value = descriptor.xml;
  const copyButton = button("Copy", "copy-descriptor", "secondary", () => copy(descriptor.xml, "Metadata XML"));
  copyButton.setAttribute("aria-label", "Copy Metadata XML");
  return [heading, el("div", { className: "descriptor" }, xml, el("div", { className: "actions" }, copyButton))];
}
