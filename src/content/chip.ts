/** A small, inert marker that tells the user SAML Lens is active on this console. */
import { domOf, OVERLAY_ATTRIBUTE } from "./dom.js";
import { applyStyles, CHIP_CSS } from "./styles.js";

export function showChip(doc: Document): HTMLElement {
  const existing = doc.querySelector<HTMLElement>(`[${OVERLAY_ATTRIBUTE}="chip"]`);
  if (existing !== null) return existing;
  const { el } = domOf(doc);
  const host = el("div", { [OVERLAY_ATTRIBUTE]: "chip" });
  // A shadow root keeps PatternFly's styles and ours apart.
  const shadow = host.attachShadow({ mode: "open" });
  applyStyles(shadow, CHIP_CSS);
  shadow.append(el("div", { className: "chip", role: "status", "aria-label": "SAML Lens is active on this Keycloak admin console" }, el("span", { className: "dot" }), "SAML Lens"));
  doc.documentElement.append(host);
  return host;
}
