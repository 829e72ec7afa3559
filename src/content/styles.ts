/** The overlay's styles, inside its shadow roots so PatternFly's and ours never meet. Light and dark like the console. */
import { TARGET_BROWSER } from "../platform/browser.js";

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Styles a shadow root. Chromium: one constructed sheet per text, shared by every root (a <style> per badge was parsed
 * again on every insertion, about ten times per route change). Firefox does not let content scripts adopt sheets
 * across its Xray wrappers (bug 1770592): a <style> there, and wherever adopting throws.
 */
export function applyStyles(shadow: ShadowRoot, css: string): void {
  if (TARGET_BROWSER !== "firefox") {
    try {
      let sheet = sheets.get(css);
      if (sheet === undefined) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        sheets.set(css, sheet);
      }
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // The <style> below.
    }
  }
  const style = shadow.ownerDocument.createElement("style");
  style.textContent = css;
  shadow.prepend(style);
}
const THEME = `
  :host { all: initial; --fg: #151515; --bg: #fff; --muted: #4d5258; --line: #d2d2d2; --accent: #0066cc;
    --error: #c9190b; --error-bg: #faeae8; --warning: #795600; --warning-bg: #fdf7e7; --ok: #3e8635; --ok-bg: #f3faf2;
    --info: #2b9af3; --info-bg: #e7f1fa; font: 14px/1.45 "RedHatText", "Overpass", system-ui, sans-serif; color: var(--fg); }
  :host([data-theme="dark"]) { --fg: #e0e0e0; --bg: #1b1d21; --muted: #a3a3a3; --line: #444548; --accent: #73bcf7;
    --error: #fe5142; --error-bg: #3b1e1c; --warning: #f4c145; --warning-bg: #3a3020; --ok: #7cc674; --ok-bg: #1f2d1d;
    --info: #73bcf7; --info-bg: #1c2a38; }
  button { font: inherit; color: inherit; cursor: pointer; }
  button:focus-visible, a:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  a { color: var(--accent); }
  .error { --tone: var(--error); --tone-bg: var(--error-bg); }
  .warning { --tone: var(--warning); --tone-bg: var(--warning-bg); }
  .suggestion, .info { --tone: var(--info); --tone-bg: var(--info-bg); }
  .ok { --tone: var(--ok); --tone-bg: var(--ok-bg); }
  .pending { --tone: var(--muted); --tone-bg: transparent; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 6px 0; }
  dt { color: var(--muted); } dd { margin: 0; font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
  dd .stored { color: var(--muted); font-size: 11px; }
  .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
  .primary { background: var(--accent); color: #fff; border: 1px solid var(--accent); border-radius: 3px; padding: 3px 10px; }
  :host([data-theme="dark"]) .primary { color: #151515; }
  .secondary { background: transparent; border: 1px solid var(--line); border-radius: 3px; padding: 3px 10px; }
  .note { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
`;

export const BADGE_CSS = `${THEME}
  :host { display: inline-block; position: relative; vertical-align: middle; margin-left: 6px; }
  .badge { display: inline-flex; align-items: center; gap: 4px; border: 1px solid var(--tone); background: var(--tone-bg);
    color: var(--tone); border-radius: 999px; padding: 0 7px; font-size: 12px; font-weight: 600; line-height: 18px; }
  .dot { width: 7px; height: 7px; border-radius: 50%; background: var(--tone); }
  .security { border-style: dashed; }
  .popover { position: fixed; inset: auto; margin: 0; max-height: calc(100vh - 24px); overflow: auto;
    background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-left: 4px solid var(--tone);
    border-radius: 4px; box-shadow: 0 4px 16px rgba(0,0,0,.25); padding: 10px 12px; font-weight: 400; white-space: normal; }
  .popover h2 { font-size: 14px; margin: 0 0 4px; }
  .popover p { margin: 4px 0; }
`;

export const SUMMARY_CSS = `${THEME}
  :host { display: block; margin: 0 0 12px; }
  .card { background: var(--bg); border: 1px solid var(--line); border-left: 4px solid var(--tone); border-radius: 4px; padding: 8px 12px; }
  .head { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
  .title { font-weight: 700; }
  .counts { display: inline-flex; gap: 6px; }
  .count { border: 1px solid var(--tone); color: var(--tone); background: var(--tone-bg); border-radius: 999px; padding: 0 8px; font-size: 12px; font-weight: 600; }
  .state { color: var(--tone); font-weight: 600; }
  .toggle { margin-left: auto; background: transparent; border: 1px solid var(--line); border-radius: 3px; padding: 2px 8px; }
  ul { list-style: none; margin: 6px 0 0; padding: 0; max-height: min(260px, 11vh); overflow: auto; }
  details[open] { order: 1; flex-basis: 100%; }
  li { display: grid; grid-template-columns: 10px 1fr; gap: 8px; padding: 3px 0; border-top: 1px solid var(--line); }
  li .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--tone); margin-top: 6px; }
  .where { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline; text-align: left; }
  .message { margin: 1px 0 0; color: var(--fg); }
  li .message { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  form { display: grid; gap: 6px; margin-top: 8px; max-width: 520px; }
  label { display: grid; gap: 2px; } input[type=text], input[type=url] { font: inherit; color: inherit; background: var(--bg);
    border: 1px solid var(--line); border-radius: 3px; padding: 3px 6px; }
  .radios { display: flex; gap: 14px; } .radios label { display: inline-flex; gap: 4px; align-items: center; }
  pre { background: var(--tone-bg); border: 1px solid var(--line); border-radius: 3px; padding: 6px 8px; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
  .problem { color: var(--error); }
`;

export const MARKER_CSS = `${THEME}
  :host { display: inline-block; vertical-align: middle; margin-left: 8px; }
  .marker { display: inline-flex; align-items: center; border: 1px solid var(--tone); background: var(--tone-bg);
    color: var(--tone); border-radius: 999px; padding: 0 7px; font-size: 12px; font-weight: 600; line-height: 18px; }
`;

export const CHIP_CSS = `
  :host { all: initial; position: fixed; right: 12px; bottom: 12px; z-index: 2147483000; }
  .chip { font: 600 12px/1 system-ui, sans-serif; color: #fff; background: #0b5563; border-radius: 999px;
    padding: 6px 10px; box-shadow: 0 1px 4px rgba(0,0,0,.3); display: inline-flex; gap: 6px; align-items: center; }
  .dot { width: 8px; height: 8px; border-radius: 50%; background: #7ee2b8; }
`;
