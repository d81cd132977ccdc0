// The dashboard audited in headless Chromium (driven by puppeteer-core): axe-core's
// WCAG 2.2 A and AA rules on every page in light and dark, at 1280 and 390 px; no page
// wider than a 390 px screen; the most urgent action of the index on a 390x844 phone's
// first screen; screenshots of the main pages. Run by .ci/browser-test.sh, which
// installs both packages into a temporary folder:
//   node audit.mjs DASHBOARD_DIR SCREENSHOT_DIR CHROMIUM AXE_JS
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [dir, shots, chromium, axePath] = process.argv.slice(2);
const require = createRequire(path.join(path.dirname(axePath), "..", "..", "package.json"));
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(axePath, "utf8");

const pages = [];
(function walk(folder) {
  for (const name of fs.readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    if (fs.statSync(full).isDirectory()) walk(full);
    else if (name.endsWith(".html")) pages.push(full);
  }
})(dir);

const sizes = [["desktop", 1280, 900], ["phone", 390, 844]];
const schemes = ["light", "dark"];
// The pages worth looking at: the index, the lists, one of each kind of page.
const first = (re) => pages.find((p) => re.test(path.relative(dir, p)));
const shotPages = [
  first(/^index\.html$/), first(/^contacts\.html$/), first(/^applications\.html$/),
  first(/^sections\//), first(/^contacts\/.+\.html$/), first(/^applications\/[^/]+\.html$/),
  first(/\/brief\//), first(/\/packet\//),
].filter(Boolean);

let failures = 0;
const fail = (message) => { console.error(`FAIL: ${message}`); failures += 1; };

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions"],
});
const page = await browser.newPage();
// axe is injected by the test, not by the page, whose policy allows only its own script.
await page.setBypassCSP(true);
let checked = 0;
for (const [sizeName, width, height] of sizes) {
  await page.setViewport({ width, height });
  for (const scheme of schemes) {
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    for (const file of pages) {
      const rel = path.relative(dir, file);
      await page.goto(`file://${path.resolve(file)}`, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
          resultTypes: ["violations"],
        });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1, 2).join(" ").trim()}`),
          count: v.nodes.length,
        }));
      });
      for (const v of result) {
        fail(`${rel} (${sizeName}, ${scheme}): axe ${v.id} (${v.impact}) ${v.help}: ${v.count} nodes`);
        for (const n of v.nodes) console.error(`    ${n}`);
      }
      if (sizeName === "phone") {
        const wide = await page.evaluate(() => {
          const doc = document.documentElement;
          // A table in a scrolling box does not widen the page, but hides its columns.
          const scrolled = [...document.querySelectorAll(".table-wrap")]
            .find((e) => e.scrollWidth > e.clientWidth + 0.5);
          if (scrolled) return `a table scrolls sideways (${scrolled.scrollWidth}px in ${scrolled.clientWidth}px)`;
          if (doc.scrollWidth <= window.innerWidth) return null;
          // The widest elements, to say what to fix.
          const over = [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
          return `${doc.scrollWidth}px wide: ${over.join(", ")}`;
        });
        if (wide) fail(`${rel} (${scheme}): wider than a ${width} px screen, ${wide}`);
        if (rel === "index.html") {
          const top = await page.evaluate(() => {
            // What to do and why must be readable without scrolling; the draft, folded
            // below them, and the links may run on.
            const card = document.querySelector("#first li.action .why");
            return card ? card.getBoundingClientRect().bottom + window.scrollY : null;
          });
          if (top === null) fail("index.html: no action in Do these first");
          else if (top > height) fail(`index.html (${scheme}): the most urgent action's words end at ${Math.round(top)} px, below the first ${height} px`);
        }
      }
      if (shotPages.includes(file)) {
        const name = rel.replace(/\.html$/, "").replaceAll("/", "_");
        await page.screenshot({ path: path.join(shots, `${name}-${sizeName}-${scheme}.png`), fullPage: true });
        await page.screenshot({ path: path.join(shots, `${name}-${sizeName}-${scheme}-first-screen.png`) });
      }
      checked += 1;
    }
  }
}
// Print, from the dark scheme: paper must come out light.
await page.setViewport({ width: 1280, height: 900 });
await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
for (const file of shotPages) {
  const rel = path.relative(dir, file);
  await page.goto(`file://${path.resolve(file)}`, { waitUntil: "load" });
  await page.emulateMediaType("print");
  const dark = await page.evaluate(() => {
    const bg = getComputedStyle(document.body).backgroundColor;
    const fg = getComputedStyle(document.body).color;
    return { bg, fg };
  });
  if (dark.bg !== "rgb(255, 255, 255)" || dark.fg !== "rgb(0, 0, 0)") {
    fail(`${rel}: printed in the dark scheme with ${dark.fg} on ${dark.bg}`);
  }
  const name = rel.replace(/\.html$/, "").replaceAll("/", "_");
  await page.pdf({ path: path.join(shots, `${name}-print.pdf`), format: "A4", printBackground: true });
  await page.emulateMediaType("screen");
}
// Every packet is made to be printed: one or two clean A4 pages, light whatever the scheme.
for (const file of pages.filter((p) => /\/packet\//.test(path.relative(dir, p)))) {
  const rel = path.relative(dir, file);
  await page.goto(`file://${path.resolve(file)}`, { waitUntil: "load" });
  await page.emulateMediaType("print");
  const pdf = Buffer.from(await page.pdf({ format: "A4", printBackground: true }));
  const count = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (count < 1 || count > 2) fail(`${rel}: prints on ${count} A4 pages, not one or two`);
  const hidden = await page.evaluate(() => [...document.querySelectorAll("textarea, button, details")]
    .filter((e) => e.getClientRects().length > 0).map((e) => e.tagName.toLowerCase()));
  if (hidden.length) fail(`${rel}: prints form controls: ${hidden.join(", ")}`);
  await page.emulateMediaType("screen");
}
await browser.close();
console.log(`audited ${checked} page loads (${pages.length} pages, light and dark, 1280 and 390 px)`);
process.exit(failures ? 1 : 0);
