/** Content script, registered only for origins the user enabled. Does nothing unless the page is a Keycloak console. */
import { showChip } from "./chip.js";
import { detectKeycloakConsole } from "./detect.js";

if (detectKeycloakConsole(document, location.href) !== null) showChip(document);
