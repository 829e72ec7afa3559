/** The only importer of webextension-polyfill: every other module reaches extension APIs through src/platform. */
import browser from "webextension-polyfill";

export type { Runtime, Tabs, Scripting, WebRequest } from "webextension-polyfill";
export { browser };

declare const __BROWSER__: "chrome" | "firefox";
export const TARGET_BROWSER: "chrome" | "firefox" = typeof __BROWSER__ === "string" ? __BROWSER__ : "chrome";
