/**
 * `node scripts/harness.mjs [--port=N] [--locale=de] [--console-version=26.7.4] [--build-only]`: starts the harness
 * and prints where the console is; Ctrl-C stops it.
 */
import { parseArgs } from "node:util";
import { startHarness } from "./index.js";
import { ensureConsoleBuild, PINNED_CONSOLE_VERSION } from "./console/build.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    locale: { type: "string", default: "en" },
    "console-version": { type: "string" },
    "build-only": { type: "boolean", default: false },
  },
});

const consoleVersion = values["console-version"] ?? process.env.KC_CONSOLE_VERSION ?? PINNED_CONSOLE_VERSION;

if (values["build-only"]) {
  const build = await ensureConsoleBuild(consoleVersion);
  console.log(`console ${build.version} in ${build.assetsDir} (${build.buildMs > 0 ? `built in ${build.buildMs} ms` : "cached"}), messages ${build.messagesVersion}`);
} else {
  const harness = await startHarness({ port: Number.parseInt(values.port, 10), locale: values.locale, consoleVersion });
  const sentry = harness.context.store.realm("acme");
  const clients = sentry && Array.isArray(sentry.clients) ? sentry.clients : [];
  console.log(`Keycloak admin console ${harness.console.version} (${values.locale}) on ${harness.url}`);
  console.log(`  console:     ${harness.consoleUrl("acme", "clients")}`);
  for (const client of clients) {
    if (typeof client === "object" && client !== null && !Array.isArray(client) && client.protocol === "saml") {
      console.log(`  SAML client: ${harness.consoleUrl("acme", `clients/${String(client.id)}/settings`)}  (${String(client.clientId)})`);
    }
  }
  console.log(`  request log: ${harness.url}/__harness/log    reset: POST ${harness.url}/__harness/reset`);
  const stop = () => {
    void harness.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
