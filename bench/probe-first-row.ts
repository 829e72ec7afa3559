// Probe (not a bench): when the import worker's and the analysis worker's messages reach the page, when the first row
// shows, and the frames meanwhile. `npx tsx bench/probe-first-row.ts` after `npm run bench panel` made its files.
import { join } from "node:path";
import { launchBenchChromium } from "./chromium.js";
import { ROOT } from "../test/harness/paths.js";

const CACHE = join(ROOT, ".cache", "panel-bench");
const browser = await launchBenchChromium(join(CACHE, "build", "test", "chrome"), "probe");
try {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const log: [number, string][] = [];
    (window as unknown as { probe: typeof log }).probe = log;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const name = String(url).split("/").pop() ?? "?";
        this.addEventListener("message", (event: MessageEvent) => {
          const data = event.data as { type?: string; entries?: unknown[]; results?: unknown[]; facts?: unknown[] };
          log.push([performance.now(), `${name} ${data.type} ${data.entries?.length ?? data.results?.length ?? ""}`]);
        });
      }
    } as typeof Worker;
    const tick = (now: number) => {
      log.push([now, "frame"]);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    document.addEventListener("change", () => log.push([performance.now(), "change"]), { capture: true });
    new MutationObserver((_, observer) => {
      if (document.querySelector(".mrow") !== null) {
        log.push([performance.now(), "first row"]);
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  for (let round = 0; round < 3; round++) {
    await page.goto(`${browser.extensionOrigin}/panel.html`);
    await page.getByTestId("empty-list").waitFor();
    await page.waitForTimeout(500);
    await page.getByTestId("import-file").setInputFiles(join(CACHE, "messages-10000-v1.har"));
    await page.waitForSelector('[data-testid="import-status"]', { timeout: 60_000 });
    await page.waitForTimeout(300);
    const log = await page.evaluate(() => (window as unknown as { probe: [number, string][] }).probe);
    const start = log.find(([, what]) => what === "change")?.[0] ?? 0;
    const firstRow = log.find(([, what]) => what === "first row")?.[0] ?? 0;
    const lines: string[] = [];
    let frames = 0;
    for (const [time, what] of log) {
      if (time < start) continue;
      if (time > firstRow + 400) break;
      if (what === "frame") {
        frames += 1;
        lines.push(`${(time - start).toFixed(1)} frame`);
        continue;
      }
      lines.push(`${(time - start).toFixed(1)} ${what}`);
    }
    // Compress runs of the same message kind.
    const out: string[] = [];
    for (const line of lines) {
      const [t, ...rest] = line.split(" ");
      const what = rest.join(" ");
      const last = out[out.length - 1];
      if (last !== undefined && last.includes(`] ${what.replace(/ \d+$/, "")}`)) {
        out[out.length - 1] = last.replace(/^\[(\S+)-\S+ x(\d+)\]/, (_, a, n) => `[${a}-${t} x${Number(n) + 1}]`);
      } else out.push(`[${t}-${t} x1] ${what.replace(/ \d+$/, "")}`);
    }
    console.log(`round ${round}: first row ${(firstRow - start).toFixed(1)} ms, frames ${frames}`);
    console.log(out.slice(0, 40).join("\n"));
  }
} finally {
  await browser.close();
}
