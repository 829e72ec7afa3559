/**
 * The one way content builds DOM: an element with attributes and children, and a button that names its action in
 * `data-action`. Children are nodes or text, never HTML: whatever a console or a SAML message holds stays text.
 */
/** Marks every element SAML Lens adds to the console (the overlay's observers leave those mutations alone). */
export const OVERLAY_ATTRIBUTE = "data-saml-lens";

export interface Dom {
  el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Record<string, string>, ...children: Array<Node | string>): HTMLElementTagNameMap[K];
  button(text: string, action: string, className: string, onClick: () => void): HTMLButtonElement;
  /** A value such as a URL in `<code>`, allowed to wrap after `/`, `.`, `-`, `?`, `&`, `=` and `#` rather than mid-word. */
  code(text: string): HTMLElement;
}

export function domOf(doc: Document): Dom {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] => {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "className") element.className = value;
      else element.setAttribute(name, value);
    }
    element.append(...children);
    return element;
  };
  const button = (text: string, action: string, className: string, onClick: () => void): HTMLButtonElement => {
    const element = el("button", { type: "button", className }, text);
    element.dataset.action = action;
    element.addEventListener("click", onClick);
    return element;
  };
  const code = (text: string): HTMLElement => {
    const element = el("code");
    for (const part of text.split(/(?<=[/.\-?&=#])/)) element.append(part, doc.createElement("wbr"));
    element.lastChild?.remove();
    return element;
  };
  return { el, button, code };
}

/** `run` at the next frame, once however often it is asked for before then (a MutationObserver asks many times). */
export function oncePerFrame(run: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      run();
    });
  };
}
