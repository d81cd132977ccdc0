#!/usr/bin/env bash
# Benchmark: `due --json`, `check`, `build` and `serve` on a generated repository of 10,000
# contacts and 5,000 applications (override with CONTACTS= and APPLICATIONS=), and the
# touches that log themselves (docs/capture.md): `import mail` on an mbox of 100,000
# messages (MESSAGES=) and `check` with a journal of 3,650 daily notes (NOTES=). Prints the
# best and the median of RUNS runs (default 5) of the release binary, then every figure
# as a ratio against its floor or peer measured in the same run: `cat` of the same
# files, a full `check`, and Hugo building a site from the same files (when `hugo` is
# installed). `--large` adds a repository ten times as large, for the growth of `check`
# and `due --json`.
#
# "first build" writes into a new folder each run, as a user's first build does. The other
# build rows rebuild one folder, as every later build does: it reuses the dashboard before
# the current one (kept beside the output) instead of creating every file again.
#
# Needs bash, GNU time (/usr/bin/time) for peak memory, and python3 for the `serve`
# latency and the uncached reads.
#
# The repositories and dashboards are made under TMPDIR (else /tmp): a tmpfs such as
# /dev/shm keeps a worn or busy disk out of the figures (`TMPDIR=/dev/shm scripts/bench.sh`).
set -euo pipefail
cd "$(dirname "$0")/.."
large=false
for arg in "$@"; do
  case $arg in
    --large) large=true ;;
    *) echo "usage: $0 [--large]" >&2; exit 2 ;;
  esac
done
runs=${RUNS:-5}
contacts=${CONTACTS:-10000}
applications=${APPLICATIONS:-5000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/goodwill-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet --example generate_repo --example generate_capture --bin goodwill
target=${CARGO_TARGET_DIR:-$PWD/target}
"$target/release/examples/generate_repo" "$dir/repo" "$contacts" "$applications"
bin=$target/release/goodwill
repo=$dir/repo
today=2026-11-22

# Results, by name: median milliseconds, and peak memory in KiB.
declare -A ms kib

# measure NAME SETUP COMMAND: runs SETUP (untimed), then times COMMAND; both are evaluated
# by the shell, and `$run` is the run's number. Keeps the median in ms[NAME] and the
# largest peak memory in kib[NAME].
measure() {
  local name=$1 setup=$2 command=$3
  local times=() peak=0
  for run in $(seq "$runs"); do
    eval "$setup"
    sync
    local start end
    start=$(date +%s%N)
    export run
    /usr/bin/time -o "$dir/time" -f %M bash -c "$command" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
    local used
    used=$(tail -1 "$dir/time")
    if [ "${used:-0}" -gt "$peak" ] 2>/dev/null; then peak=$used; fi
  done
  local sorted median
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
  ms[$name]=$median
  kib[$name]=$peak
  printf '%-34s best %5d ms   median %5d ms   peak %4d MiB\n' "$name" "$(head -1 <<<"$sorted")" \
    "$median" "$((peak / 1024))"
}

# Drops the contents of the repository's files from the page cache (posix_fadvise
# DONTNEED, which skips pages not yet written back: hence the sync first).
evict_page_cache() {
  sync
  python3 - "$1" <<'PY'
import os, sys
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        try:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
        except OSError:
            continue
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
PY
}

# Every Markdown file of repository $1, read once by one `cat`: the floor of any command
# reading them. The list of files is made once, untimed (list_files), so the floor holds
# no `find` of its own.
list_files() { find "$1/contacts" "$1/applications" -name '*.md' -print0 >"$1.files"; }
cat_all() { local files; mapfile -d '' files <"$1.files"; cat -- "${files[@]}"; }

# A Hugo site over the same files, each rendered through a one-line template.
hugo_site() {
  local site=$dir/hugo
  mkdir -p "$site/layouts/_default"
  cat >"$site/config.toml" <<EOF
baseURL = "http://example.invalid/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
contentDir = "$repo"
EOF
  cat >"$site/layouts/_default/single.html" <<'EOF'
<!doctype html><title>{{ .Params.name }}{{ .Params.company }}</title><h1>{{ .Params.name }} {{ .Params.role }}</h1>{{ .Content }}
EOF
  cat >"$site/layouts/_default/list.html" <<'EOF'
<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Params.name }}{{ .Params.role }}</a>{{ end }}
EOF
  echo "$site"
}

# The time from saving a contact file (as editors do: a temporary file renamed over it)
# until `serve` serves its page with the change, median of RUNS saves, in ms.
serve_latency() {
  python3 - "$bin" "$1" "$today" "$runs" <<'PY'
import os, re, socket, subprocess, sys, threading, time
binary, root, today, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
server = subprocess.Popen([binary, "--root", root, "--today", today, "serve", "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    port = None
    for line in server.stdout:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            port = int(found.group(1))
            break
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    def get(path):
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(b"GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % (path.encode(), port))
            chunks = []
            while True:
                chunk = s.recv(1 << 16)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)
    names = sorted(n for n in os.listdir(os.path.join(root, "contacts")) if n.endswith(".md"))
    name = names[len(names) // 2]
    page = "/contacts/%s.html" % name[:-3]
    get(page)
    time.sleep(1)
    times = []
    for run in range(runs):
        marker = "bench-edit-%d" % run
        path = os.path.join(root, "contacts", name)
        with open(path) as f:
            text = f.read()
        started = time.monotonic()
        with open(path + ".tmp~", "w") as f:
            f.write(text + "- 2026-11-20 %s\n" % marker)
        os.rename(path + ".tmp~", path)
        deadline = started + 30
        while marker.encode() not in get(page):
            if time.monotonic() > deadline:
                sys.exit("serve never showed the edit")
        times.append((time.monotonic() - started) * 1000)
        time.sleep(0.3)
    times.sort()
    print(round(times[len(times) // 2]))
finally:
    server.kill()
PY
}

# `serve` under slow and busy clients: the p99 time of a contact page asked alone, with 100
# idle connections open, and while 200 clients ask as fast as they can; and how many of
# the busy clients' requests got no answer (a reset). Prints "alone idle busy unanswered".
serve_under_load() {
  python3 - "$bin" "$1" "$today" <<'PY'
import os, re, socket, subprocess, sys, threading, time
binary, root, today = sys.argv[1], sys.argv[2], sys.argv[3]
server = subprocess.Popen([binary, "--root", root, "--today", today, "serve", "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    port = None
    for line in server.stdout:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            port = int(found.group(1))
            break
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    names = sorted(n for n in os.listdir(os.path.join(root, "contacts")) if n.endswith(".md"))
    page = "/contacts/%s.html" % names[len(names) // 2][:-3]
    def get(path):
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall(b"GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % (path.encode(), port))
                answer = b""
                while True:
                    chunk = s.recv(1 << 16)
                    if not chunk:
                        break
                    answer += chunk
        except OSError:
            answer = b""
        return answer.startswith(b"HTTP/1.1 "), (time.monotonic() - started) * 1000
    def p99(count):
        times = sorted(get(page)[1] for _ in range(count))
        return times[min(len(times) - 1, len(times) * 99 // 100)]
    get(page)
    alone = p99(50)
    idle = []
    for n in range(100):
        s = socket.create_connection(("127.0.0.1", port))
        if n % 2:
            s.sendall(b"GET / HTTP/1.1\r\n")
        idle.append(s)
    time.sleep(0.2)
    with_idle = p99(50)
    for s in idle:
        s.close()
    stop = time.monotonic() + 5
    unanswered = [0]
    lock = threading.Lock()
    def hammer():
        while time.monotonic() < stop:
            answered, _ = get(page)
            if not answered:
                with lock:
                    unanswered[0] += 1
    crowd = [threading.Thread(target=hammer) for _ in range(200)]
    for thread in crowd:
        thread.start()
    time.sleep(0.5)
    busy = p99(20)
    for thread in crowd:
        thread.join()
    print(round(alone), round(with_idle), round(busy), unanswered[0])
finally:
    server.kill()
PY
}

# A repository of one contact whose notes are $1 repeated $2 times, in $3.
one_contact_repo() {
  mkdir -p "$3/contacts" "$3/applications"
  python3 -c 'import sys; open(sys.argv[3] + "/contacts/notes.md", "w").write("---\nname: Notes\nemail: n@example.com\n---\n" + sys.argv[1] * int(sys.argv[2]) + "\n")' "$1" "$2" "$3"
}

build() { "$bin" --root "$repo" --today "$1" build --out "$2"; }
# Each command is timed in a shell of its own (under /usr/bin/time, for its peak memory).
export bin repo today dir
list_files "$repo"
export -f build cat_all

echo "== $contacts contacts, $applications applications"
measure "cat of the files" ":" "cat_all '$repo'"
measure "due --json" ":" '"$bin" --root "$repo" --today $today due --json'
# The same with the contents of the repository's files dropped from the page cache first,
# as once the system has reclaimed that memory (Linux, with python3).
if command -v python3 >/dev/null && [ "$(uname)" = Linux ]; then
  measure "due --json (files not cached)" 'evict_page_cache "$repo"' \
    '"$bin" --root "$repo" --today $today due --json'
fi
measure "check" ":" '"$bin" --root "$repo" --today $today check'
measure "build (first, new folder)" ":" 'build $today "$dir/first-$run"'
# Two untimed builds first: the second leaves the first as the spare the timed ones reuse.
build $today "$dir/out" >/dev/null
build $today "$dir/out" >/dev/null
measure "build (same day again)" ":" 'build $today "$dir/out"'
measure "build (next day)" 'build $today "$dir/out" >/dev/null' 'build 2026-11-23 "$dir/out"'
hugo=false
if command -v hugo >/dev/null; then
  hugo=true
  site=$(hugo_site)
  measure "hugo (same files, new folder)" ":" "hugo --quiet --source '$site' --destination '$dir/hugo-out-\$run'"
fi
latency=$(serve_latency "$repo")
printf '%-34s median %5d ms\n' "serve: save -> page served" "$latency"
read -r serve_alone serve_idle serve_busy serve_unanswered < <(serve_under_load "$repo")
printf '%-34s p99 %5d ms alone, %d ms with 100 idle, %d ms among 200 busy; %d unanswered\n' \
  "serve: a page under load" "$serve_alone" "$serve_idle" "$serve_busy" "$serve_unanswered"
# Notes of nested block HTML: twice the depth must take about twice the time.
one_contact_repo '<div>' 50000 "$dir/divs-50k"
one_contact_repo '<div>' 100000 "$dir/divs-100k"
measure "build, notes of <div> x 50,000" ":" '"$bin" --root "$dir/divs-50k" --today $today build --out "$dir/divs-50k/out-$run"'
measure "build, notes of <div> x 100,000" ":" '"$bin" --root "$dir/divs-100k" --today $today build --out "$dir/divs-100k/out-$run"'
markdown_bytes=$(cat_all "$repo" | wc -c)
index_bytes=$(wc -c <"$dir/out/index.html")
index_actions=$(grep -o 'class="action ' "$dir/out/index.html" | wc -l || true)
all_actions=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["actions"]))' \
  "$dir/out/actions.json")

# Touches that log themselves: an mbox against the same repository (with `me` set), and
# the repository with a journal folder of daily notes.
messages=${MESSAGES:-100000}
notes=${NOTES:-3650}
"$target/release/examples/generate_capture" "$dir/capture" "$messages" "$notes" "$contacts"
mbox=$dir/capture/mail.mbox
mbox_mib=$(($(wc -c <"$mbox") / 1048576))
cp -r "$repo" "$dir/mailrepo"
echo 'me = ["sam@example.com"]' >>"$dir/mailrepo/goodwill.toml"
cp -r "$repo" "$dir/journalrepo"
echo 'journal = ["Daily"]' >>"$dir/journalrepo/goodwill.toml"
cp -r "$dir/capture/Daily" "$dir/journalrepo/Daily"
export mbox
echo "== import mail: $messages messages ($mbox_mib MiB); check with a journal of $notes notes"
# grep's count goes to a file: GNU grep stops at the first match when its output is
# /dev/null, and measure sends stdout there.
measure "grep -c From mbox" ":" "grep -c '^From ' '$mbox' >'$dir/grep-count'"
measure "import mail dry run" ":" '"$bin" --root "$dir/mailrepo" --today $today import mail --dry-run "$mbox"'
# The first real import writes every touch; the timed ones find them all present.
"$bin" --root "$dir/mailrepo" --today $today import mail "$mbox" >/dev/null
measure "import mail all present" ":" '"$bin" --root "$dir/mailrepo" --today $today import mail "$mbox"'
measure "check with journal" ":" '"$bin" --root "$dir/journalrepo" --today $today check'

if $large; then
  big=$dir/large
  big_contacts=$((contacts * 10))
  "$target/release/examples/generate_repo" "$big" "$big_contacts" "$((applications * 10))"
  echo "== $big_contacts contacts, $((applications * 10)) applications"
  export big
  measure "check (large)" ":" '"$bin" --root "$big" --today $today check'
  measure "due --json (large)" ":" '"$bin" --root "$big" --today $today due --json'
fi

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
mib() { echo $(($1 / 1024)); }

echo
echo "== every figure against its floor or peer, measured above"
printf '%-38s %-16s %-26s %-8s %s\n' figure goodwill "floor or peer" ratio goal
row() { printf '%-38s %-16s %-26s %-8s %s\n' "$@"; }
row "serve: save -> page served" "${latency} ms" "check: ${ms[check]} ms" \
  "$(ratio "$latency" "${ms[check]}")x" "<= 0.25x"
row "serve: a page, 100 idle connections" "p99 ${serve_idle} ms" "alone: p99 ${serve_alone} ms" \
  "$(ratio "$serve_idle" "$serve_alone")x" "< 1 s"
row "serve: a page, 200 busy clients" "p99 ${serve_busy} ms" "unanswered: $serve_unanswered" \
  "$(ratio "$serve_busy" "$serve_alone")x" "< 1 s, 0 unanswered"
row "build, <div> x 100,000 / x 50,000" "${ms[build, notes of <div> x 100,000]} ms" \
  "x 50,000: ${ms[build, notes of <div> x 50,000]} ms" \
  "$(ratio "${ms[build, notes of <div> x 100,000]}" "${ms[build, notes of <div> x 50,000]}")x" "<= 2.5x (linear)"
if $hugo; then
  row "peak memory of build" "$(mib "${kib[build (first, new folder)]}") MiB" \
    "hugo: $(mib "${kib[hugo (same files, new folder)]}") MiB" \
    "$(ratio "${kib[build (first, new folder)]}" "${kib[hugo (same files, new folder)]}")x" "<= 150 MiB"
  row "build / hugo" "${ms[build (first, new folder)]} ms" \
    "hugo: ${ms[hugo (same files, new folder)]} ms" \
    "$(ratio "${ms[build (first, new folder)]}" "${ms[hugo (same files, new folder)]}")x" "<= 0.2x"
else
  row "peak memory of build" "$(mib "${kib[build (first, new folder)]}") MiB" \
    "markdown: $((markdown_bytes / 1048576)) MiB" \
    "$(ratio "${kib[build (first, new folder)]}" "$((markdown_bytes / 1024))")x" "<= 150 MiB"
  row "build / hugo" "${ms[build (first, new folder)]} ms" "hugo: not installed" "n/a" "<= 0.2x"
fi
row "peak memory of due --json" "$(mib "${kib[due --json]}") MiB" \
  "markdown: $((markdown_bytes / 1048576)) MiB" \
  "$(ratio "${kib[due --json]}" "$((markdown_bytes / 1024))")x" "<= 100 MiB"
row "due --json / cat" "${ms[due --json]} ms" "cat: ${ms[cat of the files]} ms" \
  "$(ratio "${ms[due --json]}" "${ms[cat of the files]}")x" "<= 2x"
row "index.html" "$((index_bytes / 1024)) KiB, $index_actions actions" "all actions: $all_actions" \
  "$(ratio "$index_actions" "$all_actions")x" "a page a person can read"
row "import mail --dry-run / grep" "${ms[import mail dry run]} ms" \
  "grep: ${ms[grep -c From mbox]} ms" \
  "$(ratio "${ms[import mail dry run]}" "${ms[grep -c From mbox]}")x" "<= 10x"
row "peak memory of import mail" "$(mib "${kib[import mail dry run]}") MiB" \
  "mbox: $mbox_mib MiB" "$(ratio "${kib[import mail dry run]}" "$((mbox_mib * 1024))")x" "<= 100 MiB"
row "second import / dry run" "${ms[import mail all present]} ms" \
  "dry run: ${ms[import mail dry run]} ms" \
  "$(ratio "${ms[import mail all present]}" "${ms[import mail dry run]}")x" "<= 1.2x"
row "check with a journal / check" "${ms[check with journal]} ms" "check: ${ms[check]} ms" \
  "$(ratio "${ms[check with journal]}" "${ms[check]}")x" "<= 1.2x"
if $large; then
  row "check, 10x the files" "${ms[check (large)]} ms" "check: ${ms[check]} ms" \
    "$(ratio "${ms[check (large)]}" "${ms[check]}")x" "<= 11x"
  row "due --json, 10x the files" "${ms[due --json (large)]} ms" "due --json: ${ms[due --json]} ms" \
    "$(ratio "${ms[due --json (large)]}" "${ms[due --json]}")x" "<= 11x"
  row "peak memory of due --json, 10x" "$(mib "${kib[due --json (large)]}") MiB" \
    "due --json: $(mib "${kib[due --json]}") MiB" \
    "$(ratio "${kib[due --json (large)]}" "${kib[due --json]}")x" "<= 11x"
fi
