// Checks the offline course site in headless Chromium: every page loads from disk with no console
// error, no failed request and no request off the machine; every chart is drawn by plotly.js;
// no chart or image grid is wider than the text column it sits in (it would be cut off or
// scroll); every step of a slider chart is also drawn as a titled static frame (slider-frames.js);
// every formula is typeset by KaTeX; every code cell is highlighted by highlight.js; every
// exercise check shows a known status with its hints folded; and no page shows raw math (LaTeX that Markdown mangled or
// KaTeX never saw: `$$`, `\(`, `\[`, `\begin{`, or `$…$` holding TeX) outside rendered formulas,
// code and outputs; and no link points at a file of the site that is missing. A screenshot of each page's first chart is saved and must
// show a drawing, not a blank box. Besides the index, the days and the guides, it opens the API
// reference's front page (api/, built by docfx) and a type page, and checks that every type page a
// day links to links back to that day (one more line). Prints one line per page and ends with
// "site check: N passed, M failed".
//
// Usage: node tools/MLCourse.Site/check-site.mjs [site folder] (default artifacts/site); the
// folders in tools/MLCourse.Site/fixtures/ are small sites the tests check it on (SiteCheckTests).
// Browser: CHROMIUM_PATH if set; else Debian's /usr/bin/chromium (package `chromium`) if present;
// else the installed Google Chrome, which Playwright finds on Windows, macOS and Linux.
import { chromium } from "playwright-core";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const site = resolve(process.argv[2] ?? join(root, "artifacts", "site"));
const screenshots = join(root, "artifacts", "site-check");
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

if (!existsSync(join(site, "index.html"))) {
  console.error(`check-site: ${join(site, "index.html")} is missing; run the course first (dotnet run --project tools/MLCourse.CourseRunner).`);
  process.exit(2);
}
if (executablePath !== undefined && !existsSync(executablePath)) {
  console.error(`check-site: CHROMIUM_PATH is ${executablePath}, which does not exist.`);
  process.exit(2);
}
mkdirSync(screenshots, { recursive: true });

// The index, the days and the guides (docs/ rendered beside them), then the API reference's front
// page and the first type page a day links to (api/, docfx's: every type page is the same template,
// and a loaded browser takes seconds a page); the library's source pages under source/ hold only
// code and are left out. Every type page a day links to is read from disk instead, for its links
// back (apiBackLinks).
const topLevel = ["index.html", ...readdirSync(site).filter((f) => f.endsWith(".html") && f !== "index.html").sort()];
const api = apiLinks(topLevel);
const pages = [...topLevel, ...api.sample];
const browser = await chromium.launch({
  ...(executablePath === undefined ? { channel: "chrome" } : { executablePath }),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
// Pages are checked a few at a time (each in its own browser context): most of a page's time is
// spent waiting for plotly.js and KaTeX, not computing. Lines are printed in page order.
const concurrency = Math.max(1, Number(process.env.SITE_CHECK_PAGES_AT_ONCE ?? 3));
const results = new Array(pages.length);
let next = 0;
await Promise.all(Array.from({ length: Math.min(concurrency, pages.length) }, async () => {
  while (next < pages.length) {
    const index = next++;
    results[index] = await checkPage(pages[index]);
  }
}));
let passed = 0;
let failed = 0;
pages.forEach((name, index) => {
  const { problems, summary } = results[index];
  if (problems.length === 0) {
    passed++;
    console.log(summary);
  } else {
    failed++;
    console.log(`FAIL ${name}\n  ${problems.join("\n  ")}`);
  }
});
await browser.close();
if (api.typePages > 0) {
  const problems = apiBackLinks(api);
  if (problems.length === 0) {
    passed++;
    console.log(`ok   api/ back-links: each of ${api.typePages} type pages lists every day that links to it`);
  } else {
    failed++;
    console.log(`FAIL api/ back-links\n  ${problems.join("\n  ")}`);
  }
}
console.log(`site check: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

async function checkPage(name) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Anything not on disk is a failure: the site must work offline.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) {
      return route.continue();
    }
    problems.push(`request off the machine: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (message) => message.type() === "error" && problems.push(`console error: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  // A generous limit: several pages load at once, and a loaded machine is slow, not broken.
  await page.goto(pathToFileURL(join(site, name)).href, { waitUntil: "load", timeout: 120000 });

  const charts = await page.locator(".output.chart").count();
  try {
    // Drawn: plotly.js has built the SVG and at least one trace (a line, bars, markers or a heatmap image) in it.
    await page.waitForFunction(
      () => [...document.querySelectorAll(".output.chart")].every((chart) => {
        const plot = chart.querySelector(".js-plotly-plot");
        return plot !== null && plot.querySelector(".main-svg") !== null && (plot._fullData ?? []).length > 0
          && plot.querySelectorAll("g.trace, g.hm, image").length > 0;
      }),
      null,
      { timeout: 60000 });
  } catch {
    problems.push(`not every chart was drawn within 60 s`);
  }
  problems.push(...(await widthAndFrameTest(page)));
  // A page that loads no KaTeX (a test fixture) has nothing to wait for.
  await page.waitForFunction(() => document.readyState === "complete"
    && (typeof renderMathInElement === "function" || document.querySelector("script[src*='katex']") === null));
  const formulas = await page.locator(".markdown .math").count();
  const typeset = await page.locator(".markdown .math .katex").count();
  const katexErrors = await page.locator(".katex-error").count();
  if (typeset !== formulas || katexErrors > 0) {
    problems.push(`${typeset} of ${formulas} formulas typeset, ${katexErrors} KaTeX errors`);
  }
  const code = await page.locator("pre.code code[class^='language-']").count();
  const highlighted = await page.locator("pre.code code.hljs").count();
  if (highlighted !== code) {
    problems.push(`${highlighted} of ${code} code cells highlighted`);
  }
  // Exercise checks show one of four states; site.css styles each (pending must not look like a failure).
  const exercises = await page.locator(".mlcourse-exercise").evaluateAll((all) => all.map((e) => e.dataset.status));
  const unknown = exercises.filter((status) => !["passed", "pending", "wrong", "error"].includes(status));
  if (unknown.length > 0) {
    problems.push(`exercise status not one of passed, pending, wrong, error: ${unknown.join(", ")}`);
  }
  // Hints, explanations and an experiment's result stay folded until the learner opens them.
  const unfolded = await page.locator(".mlcourse-exercise details").evaluateAll((all) =>
    all.filter((d) => d.open || d.querySelector("summary") === null || d.getBoundingClientRect().height > 60).length);
  if (unfolded > 0) {
    problems.push(`${unfolded} exercise hint(s) or explanation(s) shown unfolded`);
  }
  // Every link to a file of the site leads to a file that exists (a day's types to their API
  // pages, an API page's days back to theirs).
  const links = await page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => a.href));
  const broken = [...new Set(links.filter((href) => href.startsWith("file:")).map((href) => href.replace(/[?#].*$/, "")))]
    .filter((href) => !existsSync(fileURLToPath(href)));
  if (broken.length > 0) {
    problems.push(`link to a missing file: ${broken.map((href) => relative(site, fileURLToPath(href))).join(", ")}`);
  }
  const raw = await page.evaluate(rawMath);
  if (raw.length > 0) {
    problems.push(`raw math shown in ${raw.length} place(s): ${raw.map((text) => `"${text}"`).join(", ")}`);
  }
  if (charts > 0) {
    problems.push(...(await screenshotTest(page, name)));
  }
  const summary = `ok   ${name}: ${charts} charts drawn, ${formulas} formulas typeset, ${code} code cells highlighted, ${exercises.length} exercises`;
  await context.close();
  return { problems, summary };
}

// Every chart (an image grid is a chart too) as plotly.js laid it out, no wider than the element
// it sits in — the site's text column, 912 px; and under every slider chart one drawn, titled
// static frame per slider step.
async function widthAndFrameTest(page) {
  const problems = [];
  const wide = await page.evaluate(() => [...document.querySelectorAll(".output.chart .js-plotly-plot")].map((plot) => {
    const room = plot.closest(".output.chart").clientWidth;
    const width = plot._fullLayout?.width ?? plot.getBoundingClientRect().width;
    const title = (plot._fullLayout?.title?.text ?? "").replace(/<[^>]*>/g, " ").slice(0, 70);
    return { width, room, title };
  }).filter((chart) => chart.width > chart.room + 1));
  problems.push(...wide.map((chart) => `chart wider than its column: "${chart.title}" is ${chart.width} px in ${chart.room} px`));
  try {
    await page.waitForFunction(() => [...document.querySelectorAll(".output.chart .js-plotly-plot")]
      .filter((plot) => plot.closest(".slider-frames") === null && (plot.layout?.sliders ?? []).length > 0)
      .every((plot) => {
        const frames = plot.parentElement.querySelectorAll(".slider-frames .js-plotly-plot");
        return frames.length === plot.layout.sliders[0].steps.length
          && [...frames].every((frame) => frame.querySelector(".main-svg") !== null && (frame._fullLayout?.title?.text ?? "") !== "");
      }), null, { timeout: 30000 });
  } catch {
    const counts = await page.evaluate(() => [...document.querySelectorAll(".output.chart .js-plotly-plot")]
      .filter((plot) => plot.closest(".slider-frames") === null && (plot.layout?.sliders ?? []).length > 0)
      .map((plot) => `${plot.parentElement.querySelectorAll(".slider-frames .js-plotly-plot").length} of ${plot.layout.sliders[0].steps.length}`));
    problems.push(`slider frames not all drawn with a title: ${counts.join(", ")}`);
  }
  return problems;
}

// The first chart's screenshot, saved, and measured in the browser: a drawn chart has many
// colours and a fair share of non-white pixels; an empty plot box has neither.
async function screenshotTest(page, name) {
  const png = await page.locator(".output.chart").first().screenshot();
  writeFileSync(join(screenshots, name.replace(/\.html$/, ".png")), png);
  const { colours, inked } = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set();
    let nonWhite = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
      if (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240) nonWhite++;
    }
    return { colours: seen.size, inked: nonWhite / (pixels.length / 4) };
  }, png.toString("base64"));
  return colours >= 16 && inked >= 0.02 ? [] : [`first chart's screenshot looks blank: ${colours} colours, ${(inked * 100).toFixed(1)}% inked`];
}

// Runs in the page: the visible text of each block (paragraph, list item, heading, cell …),
// leaving out typeset formulas, code and outputs, searched for TeX that was never typeset.
// A lone `$…$` counts only when it holds TeX (a backslash, ^, _ or a brace) and its dollars hug
// it, so prices ("$5 and $10") and shell text do not. Returns a short excerpt of each find.
function rawMath() {
  const skipped = "script, style, pre, code, textarea, .katex, .katex-error, .output, .code";
  const blocks = "p, li, blockquote, h1, h2, h3, h4, h5, h6, td, th, dd, dt, figcaption, div, section, main, nav, body";
  const texts = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || parent.closest(skipped) !== null || !parent.checkVisibility()) continue;
    const block = parent.closest(blocks);
    texts.set(block, (texts.get(block) ?? "") + node.data);
  }
  const patterns = [/\$\$/, /\\\(/, /\\\[/, /\\begin\{/, /\\end\{/, /\$[^\s$](?:[^$]*?[^\s$\\])?\$(?!\d)/];
  const tex = /[\\^_{}]/;
  const found = [];
  for (const text of texts.values()) {
    for (const pattern of patterns) {
      const match = pattern.exec(text);
      if (match === null || (pattern === patterns[5] && !tex.test(match[0]))) continue;
      const at = match.index;
      found.push(text.slice(Math.max(0, at - 20), at + 40).replace(/\s+/g, " ").trim());
      break;
    }
  }
  return found;
}

// The course's first charts with require.js loaded, as Jupyter Notebook and nbconvert's HTML export
// show them (written by the renderer, RequireJsPage): checked like a day, so a chart that RequireJS
// leaves blank ("Mismatched anonymous define() module", "Plotly is not defined") fails the check.
function requireJsPages() {
  return existsSync(join(site, "requirejs-charts.html")) ? ["requirejs-charts.html"] : [];
}

// The API reference's type pages that the top-level pages link to ("Library types used here"),
// each with the pages that link to it, and the ones opened in the browser: the front page and the
// first linked type page. None when the site has no api/ folder, as most test fixtures do not; a
// link to a type page that does not exist fails the linking page (its link check), not this list.
function apiLinks(topLevel) {
  if (!existsSync(join(site, "api", "index.html"))) {
    return { sample: [], linkedFrom: new Map(), typePages: 0 };
  }
  const linkedFrom = new Map();
  for (const name of topLevel) {
    for (const match of readFileSync(join(site, name), "utf8").matchAll(/href="(api\/[^"#?]+\.html)"/g)) {
      if (match[1] !== "api/index.html" && existsSync(join(site, match[1]))) {
        linkedFrom.set(match[1], (linkedFrom.get(match[1]) ?? new Set()).add(name));
      }
    }
  }
  return { sample: ["api/index.html", ...[...linkedFrom.keys()].slice(0, 1)], linkedFrom, typePages: linkedFrom.size };
}

// Linked both ways: each type page a day links to lists, in its "Used in the course" block
// (class mlcourse-days, written by the API reference's template), a link back to that day.
function apiBackLinks(api) {
  const problems = [];
  for (const [page, days] of [...api.linkedFrom].sort(([a], [b]) => a.localeCompare(b))) {
    const html = readFileSync(join(site, page), "utf8");
    const block = /<div class="mlcourse-days">([\s\S]*?)<\/div>/.exec(html);
    const back = new Set([...(block?.[1] ?? "").matchAll(/href="([^"]*)"/g)]
      .map((match) => relative(site, resolve(dirname(join(site, page)), match[1].replace(/[?#].*$/, "")))));
    const missing = [...days].filter((day) => !back.has(day));
    if (block === null) {
      problems.push(`${page}: no "Used in the course" block`);
    } else if (missing.length > 0) {
      problems.push(`${page}: no link back to ${missing.join(", ")}`);
    }
  }
  return problems;
}
