// Code passed to page.evaluate/worker.evaluate runs in extension contexts where `chrome` exists. Chrome's MV3 APIs
// return promises with the same shapes the webextension-polyfill types describe.
declare const chrome: typeof import("webextension-polyfill").default;
