// The Done, Skip and Later buttons of `goodwill serve` in headless Chromium (driven by
// puppeteer-core): clicking the first Done button on the index settles one action and
// changes one line of one file, and the page comes back without it; Skip on a whole
// message writes one `#skip/RULE` line per application it concerns, and Later with a date
// one `#later/RULE` line dated then; forms on another site that post to serve's three
// paths, and POSTs without the token, change nothing. Run by .ci/browser-test.sh:
//   node done.mjs GOODWILL REPO_COPY CHROMIUM PUPPETEER_PACKAGE_JSON
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const [goodwill, repo, chromium, packageJson] = process.argv.slice(2);
const require = createRequire(packageJson);
const puppeteer = require("puppeteer-core");

let failures = 0;
const fail = (message) => { console.error(`FAIL: done: ${message}`); failures += 1; };

// Every contact and application file, by path: what a click may change.
function files() {
  const out = new Map();
  for (const folder of ["contacts", "applications"]) {
    (function walk(dir) {
      for (const name of fs.readdirSync(dir)) {
        const full = path.join(dir, name);
        if (fs.statSync(full).isDirectory()) walk(full);
        else out.set(path.relative(repo, full), fs.readFileSync(full, "utf8"));
      }
    })(path.join(repo, folder));
  }
  return out;
}
function changed(before, after) {
  return [...after.keys()].filter((f) => before.get(f) !== after.get(f));
}

const server = spawn(goodwill, ["--root", repo, "--today", "2026-11-22", "serve", "--port", "0"],
  { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise((resolve, reject) => {
  let seen = "";
  const timer = setTimeout(() => reject(new Error("serve printed no address")), 30000);
  server.stdout.on("data", (chunk) => {
    seen += chunk;
    const match = seen.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (match) { clearTimeout(timer); resolve(Number(match[1])); }
  });
});
const base = `http://127.0.0.1:${port}`;

// Another site, on another port: a page whose form posts to serve on its own.
const forger = http.createServer((req, res) => {
  const query = new URL(req.url, "http://x").searchParams;
  const key = query.get("key") ?? "";
  const token = query.get("token") ?? "";
  const verb = query.get("verb") ?? "done";
  res.writeHead(200, { "Content-Type": "text/html" });
  res.end(`<!doctype html><form method="post" action="${base}/__goodwill/${verb}">
    <input name="token" value="${token}"><input name="key" value="${key}">
    <input name="date" value="2026-12-06">
    <button>go</button></form><script>document.forms[0].submit()</script>`);
});
await new Promise((resolve) => forger.listen(0, "127.0.0.1", resolve));
const forgerBase = `http://127.0.0.1:${forger.address().port}`;

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions"],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/index.html`, { waitUntil: "load" });
  const form = await page.$("form.done");
  if (!form) throw new Error("no Done button on the served index");
  const key = await form.$eval("input[name=key]", (input) => input.value);
  const token = await form.$eval("input[name=token]", (input) => input.value);

  // Forged: from another origin, with the real token even, and without it.
  for (const [what, query, verb] of [["another site with the token", `key=${key}&token=${token}`, "done"],
    ["another site without the token", `key=${key}`, "done"],
    ["another site to Skip, with the token", `key=${key}&token=${token}&verb=skip`, "skip"],
    ["another site to Later, with the token", `key=${key}&token=${token}&verb=later`, "later"]]) {
    const before = files();
    const forged = await browser.newPage();
    const answer = forged.waitForResponse((r) => r.url().startsWith(`${base}/__goodwill/${verb}`), { timeout: 15000 });
    await forged.goto(`${forgerBase}/?${query}`, { waitUntil: "load" });
    const status = (await answer).status();
    await forged.close();
    if (status < 400 || status >= 500) fail(`a POST from ${what} got ${status}`);
    if (changed(before, files()).length) fail(`a POST from ${what} wrote something`);
  }
  // Without the token, from the server's own page.
  {
    const before = files();
    const status = await page.evaluate(async (key) => {
      const r = await fetch("/__goodwill/done", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: `key=${key}`,
      });
      return r.status;
    }, key);
    if (status !== 403) fail(`a POST without the token got ${status}`);
    if (changed(before, files()).length) fail("a POST without the token wrote something");
  }

  // The real click, with a note.
  const before = files();
  await form.$eval("input[name=note]", (input) => { input.value = "Sent from the browser test"; });
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load", timeout: 20000 }),
    form.$eval("button", (button) => button.click()),
  ]);
  const after = files();
  const touched = changed(before, after);
  if (touched.length !== 1) fail(`the click changed ${touched.length} files: ${touched.join(", ")}`);
  else {
    const old = before.get(touched[0]).split("\n");
    const now = after.get(touched[0]).split("\n");
    const added = now.filter((line) => !old.includes(line));
    if (now.length !== old.length + 1 || added.length !== 1 || !added[0].includes("Sent from the browser test #"))
      fail(`the click did not add exactly one entry line: ${JSON.stringify(added)}`);
    else console.log(`done: the click wrote ${touched[0]}: ${added[0]}`);
  }
  const html = await page.content();
  if (html.includes(`value="${key}"`)) fail("the settled action is still on the page after the click");
  if (!page.url().endsWith("/index.html")) fail(`the click ended on ${page.url()}`);

  // Skip on a whole message (its form follows the message's own settle line), then Later
  // with a date on the next message's.
  for (const [verb, tag] of [["skip", "#skip/"], ["later", "#later/"]]) {
    await page.goto(`${base}/index.html`, { waitUntil: "load" });
    const whole = await page.$("p.message-settle + form.done");
    if (!whole) { fail(`no ${verb} form for a whole message on the served index`); continue; }
    const before = files();
    if (verb === "later") {
      await whole.$eval("input[name=date]", (input) => { input.value = "2026-12-06"; });
    }
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load", timeout: 20000 }),
      whole.$eval(`button[formaction$="/${verb}"]`, (button) => button.click()),
    ]);
    const after = files();
    const touched = changed(before, after);
    const added = touched.flatMap((f) => {
      const old = before.get(f).split("\n");
      return after.get(f).split("\n").filter((line) => !old.includes(line));
    });
    if (touched.length !== 1 || added.length < 1 || !added.every((line) => line.includes(tag)))
      fail(`${verb} did not add ${tag} lines to one file: ${touched.join(", ")} ${JSON.stringify(added)}`);
    else if (verb === "later" && !added.every((line) => line.startsWith("- 2026-12-06 ")))
      fail(`later's lines are not dated 2026-12-06: ${JSON.stringify(added)}`);
    else console.log(`done: ${verb} wrote ${touched[0]}: ${added.join(" | ")}`);
  }
} catch (error) {
  fail(error.message);
} finally {
  await browser.close();
  forger.close();
  server.kill();
}
if (failures) process.exit(1);
console.log("done: the Done button settled one action; forged POSTs wrote nothing");
