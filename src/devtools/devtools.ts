/** DevTools page: registers the "SAML" panel. */
import { browser } from "../platform/browser.js";

void browser.devtools.panels.create("SAML", "icons/icon-32.png", "panel.html");
