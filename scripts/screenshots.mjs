// `npm run screenshots`: rewrites the README's screenshots in docs/screenshots/ (an explicit step: `npm test` never
// writes tracked files). The test build, then the panel's (light, dark, 480 and 800 px wide), then the tests that show
// the overlay, the console and the wizard with SAML_LENS_SCREENSHOTS=1 (test/e2e/support/screenshots.ts).
import { spawnSync } from "node:child_process";

const steps = [
  ["node", ["build.mjs", "--test"]],
  ["node", ["test/fixtures/panel/screenshots.mjs"]],
  ["npx", ["vitest", "run", "--project", "e2e", "test/e2e/overlay-locales.test.ts", "test/e2e/harness-console.test.ts", "test/e2e/wizard.test.ts"]],
];
for (const [command, args] of steps) {
  console.log(`== ${command} ${args.join(" ")}`);
  const run = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, SAML_LENS_SCREENSHOTS: "1" } });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
console.log("docs/screenshots/ rewritten: review the images (git diff --stat docs/screenshots) before committing them.");
