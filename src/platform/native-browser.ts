/**
 * Stands in for webextension-polyfill in the content script only (build.mjs swaps the import there): what a content
 * script calls, `runtime.sendMessage` and `storage.local`, returns promises natively in Firefox (`browser`) and in
 * Chrome 121+ (`chrome`), and the polyfill was a tenth of the content script's size budget. The background and the
 * extension pages keep the polyfill (it also lets `runtime.onMessage` listeners answer with a promise in Chrome).
 */
import type { Browser } from "webextension-polyfill";

const scope = globalThis as { browser?: Browser; chrome?: Browser };
const native: Browser = scope.browser ?? (scope.chrome as Browser);
export default native;
