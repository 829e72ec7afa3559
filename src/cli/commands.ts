import { analyze } from "./analyze.js";
import { checkClientCommand } from "./check-client.js";
import type { CliCommand } from "./io.js";

/** Every `saml-lens` subcommand, one module each. */
export const commands: readonly CliCommand[] = [analyze, checkClientCommand];
