/** A small, inert marker that tells the user SAML Lens is active on this console. */
const HOST_ATTRIBUTE = "data-saml-lens";

export function showChip(doc: Document): HTMLElement {
  const existing = doc.querySelector<HTMLElement>(`[${HOST_ATTRIBUTE}="chip"]`);
  if (existing !== null) return existing;
  const host = doc.createElement("div");
  host.setAttribute(HOST_ATTRIBUTE, "chip");
  // A shadow root keeps PatternFly's styles and ours apart.
  const shadow = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = `
    :host { all: initial; position: fixed; right: 12px; bottom: 12px; z-index: 2147483000; }
    .chip { font: 600 12px/1 system-ui, sans-serif; color: #fff; background: #0b5563; border-radius: 999px;
            padding: 6px 10px; box-shadow: 0 1px 4px rgba(0,0,0,.3); display: inline-flex; gap: 6px; align-items: center; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: #7ee2b8; }`;
  const chip = doc.createElement("div");
  chip.className = "chip";
  chip.setAttribute("role", "status");
  chip.setAttribute("aria-label", "SAML Lens is active on this Keycloak admin console");
  const dot = doc.createElement("span");
  dot.className = "dot";
  chip.append(dot, doc.createTextNode("SAML Lens"));
  shadow.append(style, chip);
  doc.documentElement.append(host);
  return host;
}
