/**
 * The Python that runs python3-saml for the Sentry-grade SP and the agreement tests: the project's virtual environment
 * with the python3-saml Sentry pins (`.cache/python`, made by scripts/setup.mjs), else Debian's python3-onelogin-saml2
 * under /usr/bin/python3. `SAML_LENS_PYTHON` overrides both.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../harness/paths.js";

export const VENV_PYTHON = join(ROOT, ".cache/python/bin/python");

export const SENTRY_PYTHON = process.env.SAML_LENS_PYTHON ?? (existsSync(VENV_PYTHON) ? VENV_PYTHON : "/usr/bin/python3");
