// The dashboard's first grid paint and a long scroll, measured in Chromium (issue 16's
// targets, figures in bench/README.md). Run by bench/web_grid.py, which starts the local
// stack, seeds a user with BENCH_IMAGES images and hands over its session. Nothing here
// asserts a timing: only the DOM's size, which is a count.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import { type Browser, type BrowserContextOptions, expect, type Page, test } from "@playwright/test";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 5000);
const SCROLL_SPEED = Number(process.env.BENCH_SCROLL_SPEED ?? 3000); // px per second
const SESSION = process.env.BENCH_SESSION ?? "";
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
};
// Chrome DevTools' "Slow 4G" preset (devtools-frontend NetworkManager: 1.6 Mbps down and
// 750 kbps up at 90 %, 150 ms x 3.75 latency), with Lighthouse's 4x CPU slowdown
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const CPU_SLOWDOWN = 4;

const figures: Record<string, unknown> = { images: IMAGES, runs: RUNS, measured_at: new Date().toISOString() };

test.skip(!SESSION, "run by bench/web_grid.py (BENCH_SESSION: a signed-in user with images)");
test.describe.configure({ mode: "serial" });

// In the page before its own scripts: the session (signed in, as after the sign-in screen),
// and probes that know nothing of the grid's internals but its roles: the first image in
// a [role=listitem] that is not a placeholder (data: URL), loaded and decoded, then the
// frame that paints it; long tasks as the browser reports them.
function probes(session: string) {
  sessionStorage.setItem("pingvas.session", session);
  // and where the API is, which the page keeps once config.json has answered (the local
  // stack's: the same origin); the tab signed in on a page of its own before
  sessionStorage.setItem("pingvas.apiBase", "");
  const bench = { firstThumbnail: 0, longTasks: [] as number[] };
  Object.assign(window, { bench });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
  // load does not bubble: a capturing listener on the document sees every image's
  document.addEventListener("load", (event) => {
    const img = event.target;
    if (bench.firstThumbnail || !(img instanceof HTMLImageElement) || !img.closest("[role=listitem]")) return;
    if (!img.currentSrc || img.currentSrc.startsWith("data:")) return;
    void img.decode().then(() => requestAnimationFrame(() => {
      bench.firstThumbnail ||= performance.now(); // since the navigation started
    }), () => undefined);
  }, true);
}

interface Bench { firstThumbnail: number; longTasks: number[] }
const readBench = (page: Page) => page.evaluate(() => (window as unknown as { bench: Bench }).bench);

async function openGrid(browser: Browser, options: BrowserContextOptions, throttled: boolean) {
  const context = await browser.newContext(options);
  await context.addInitScript(probes, SESSION);
  const page = await context.newPage();
  if (throttled) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  }
  return { context, page };
}

async function firstPaint(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { bench: Bench }).bench.firstThumbnail > 0,
                             undefined, { timeout: 60_000, polling: 100 });
  if (process.env.BENCH_TRACE) console.log(JSON.stringify(await page.evaluate(timeline)));
  return (await readBench(page)).firstThumbnail;
}

/** BENCH_TRACE=1: where the time went, [what, started, ended] in ms since the navigation,
 * the bytes of each response's body as sent (same origin only), and how many elements the page has. */
function timeline() {
  const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
  return [["document", 0, Math.round(navigation.responseEnd)], ["elements now", document.getElementsByTagName("*").length],
          ["DOMContentLoaded", 0, Math.round(navigation.domContentLoadedEventEnd)],
          ...resources.map((r) => [new URL(r.name).pathname.slice(-48), Math.round(r.startTime),
                                   Math.round(r.responseEnd), r.encodedBodySize])];
}

const traceFile = (name: string, extension: string) =>
  `${dirname(process.env.BENCH_OUT ?? "../.local/bench/web.json")}/trace-${name.split(" ")[0]}.${extension}`;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  return { median_ms: Math.round(at(0.5)), p95_ms: Math.round(at(0.95)), runs_ms: samples.map(Math.round) };
}

// each run a new browser context: an empty cache, as on a first visit; then the same page
// loaded again in that context (a repeat visit, the HTTP cache warm)
for (const [name, options, throttled] of [
  ["desktop 1440x900", DESKTOP, false],
  ["phone 390x844, Slow 4G, 4x CPU", PHONE, true],
] as const) {
  test(`first grid paint: ${name}`, async ({ browser }) => {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { context, page } = await openGrid(browser, options, throttled);
      // BENCH_CHROME_TRACE=1: the first run's first visit as a Chromium trace and a CPU
      // profile (open them in DevTools' Performance panel; build with --minify false for names)
      const tracing = Boolean(process.env.BENCH_CHROME_TRACE) && run === 0;
      const profiler = tracing ? await context.newCDPSession(page) : undefined;
      if (profiler) {
        await browser.startTracing(page, { path: traceFile(name, "json"), screenshots: true });
        await profiler.send("Profiler.enable");
        await profiler.send("Profiler.setSamplingInterval", { interval: 200 });
        await profiler.send("Profiler.start");
      }
      await page.goto("/");
      cold.push(await firstPaint(page));
      if (profiler) {
        const { profile } = await profiler.send("Profiler.stop");
        writeFileSync(traceFile(name, "cpuprofile"), JSON.stringify(profile));
        await browser.stopTracing();
      }
      await page.reload();
      warm.push(await firstPaint(page));
      await context.close();
    }
    figures[`first grid paint, ${name}`] = { first_visit: summary(cold), repeat_visit: summary(warm) };
    console.log(name, JSON.stringify(figures[`first grid paint, ${name}`]));
  });
}

test(`scrolling ${IMAGES} images to the end keeps the DOM small`, async ({ browser }) => {
  const { context, page } = await openGrid(browser, DESKTOP, false);
  await page.goto("/");
  await firstPaint(page);
  // a steady pace: each frame moves the scroller by speed x the frame's time, waiting at the
  // bottom while the next page loads; the end is a bottom that stays put for 5 s
  const result = await page.evaluate(async (speed) => {
    const bench = (window as unknown as { bench: Bench }).bench;
    const scroller = document.querySelector<HTMLElement>("[data-testid=gallery-scroller]");
    if (!scroller) throw new Error("no [data-testid=gallery-scroller]");
    bench.longTasks.length = 0;
    const started = performance.now();
    let maxNodes = 0;
    let maxGridNodes = 0; // of them, in the scroller (the rest: header, sidebar, toolbar)
    let maxItems = 0;
    let frames = 0;
    let lastGrowth = started;
    let lastHeight = scroller.scrollHeight;
    await new Promise<void>((done) => {
      let previous = started;
      const step = (now: number) => {
        scroller.scrollTop += (speed * (now - previous)) / 1000;
        previous = now;
        frames += 1;
        if (frames % 10 === 0) {
          maxNodes = Math.max(maxNodes, document.getElementsByTagName("*").length);
          maxGridNodes = Math.max(maxGridNodes, scroller.getElementsByTagName("*").length);
          maxItems = Math.max(maxItems, document.querySelectorAll("[role=listitem]").length);
        }
        if (scroller.scrollHeight !== lastHeight) {
          lastHeight = scroller.scrollHeight;
          lastGrowth = now;
        }
        const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
        if ((atBottom && now - lastGrowth > 5000) || now - started > 240_000) done();
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    maxNodes = Math.max(maxNodes, document.getElementsByTagName("*").length);
    const longTasks = [...bench.longTasks];
    return {
      seconds_to_end: Math.round((performance.now() - started - 5000) / 100) / 10,
      scroll_height_px: scroller.scrollHeight,
      frames,
      max_dom_nodes: maxNodes,
      max_grid_nodes: maxGridNodes,
      max_listitems: maxItems,
      long_tasks: longTasks.length,
      long_tasks_over_50ms: longTasks.filter((d) => d > 50).length,
      longest_task_ms: Math.round(Math.max(0, ...longTasks)),
    };
  }, SCROLL_SPEED);
  await context.close();
  figures[`scroll ${IMAGES} images at ${SCROLL_SPEED} px/s, desktop`] = result;
  console.log("scroll", JSON.stringify(result));
  expect.soft(result.max_dom_nodes, "DOM nodes while scrolling").toBeLessThanOrEqual(600);
});

test.afterAll(() => {
  const out = process.env.BENCH_OUT;
  if (!out || !SESSION) return;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures written to ${out}`);
});
