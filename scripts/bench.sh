#!/usr/bin/env bash
# Benchmark: `due --json`, `check` and `build` on a generated repository of 10,000
# contacts and 5,000 applications (override with CONTACTS= and APPLICATIONS=). Prints the
# best and the median of RUNS runs (default 5) of the release binary.
#
# "first build" writes into a new folder each run, as a user's first build does. The other
# build rows rebuild one folder, as every later build does: it reuses the dashboard before
# the current one (kept beside the output) instead of creating every file again.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
dir=$(mktemp -d "${TMPDIR:-/tmp}/goodwill-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet --example generate_repo --bin goodwill
target=${CARGO_TARGET_DIR:-$PWD/target}
"$target/release/examples/generate_repo" "$dir/repo" "${CONTACTS:-10000}" "${APPLICATIONS:-5000}"
bin=$target/release/goodwill
repo=$dir/repo

# measure NAME SETUP COMMAND: runs SETUP (untimed), then times COMMAND; both are evaluated
# by the shell, and `$run` is the run's number.
measure() {
  local name=$1 setup=$2 command=$3
  local times=()
  for run in $(seq "$runs"); do
    eval "$setup"
    sync
    local start end
    start=$(date +%s%N)
    eval "$command" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-31s best %5d ms   median %5d ms\n' "$name" "$(head -1 <<<"$sorted")" \
    "$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")"
}

# Drops the contents of the repository's files from the page cache (posix_fadvise
# DONTNEED, which skips pages not yet written back: hence the sync first).
evict_page_cache() {
  sync
  python3 - "$repo" <<'PY'
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

build() { "$bin" --root "$repo" --today "$1" build --out "$2"; }

measure "due --json" ":" '"$bin" --root "$repo" --today 2026-11-22 due --json'
# The same with the contents of the repository's files dropped from the page cache first,
# as once the system has reclaimed that memory (Linux, with python3).
if command -v python3 >/dev/null && [ "$(uname)" = Linux ]; then
  measure "due --json (files not cached)" "evict_page_cache" \
    '"$bin" --root "$repo" --today 2026-11-22 due --json'
fi
measure "check" ":" '"$bin" --root "$repo" --today 2026-11-22 check'
measure "build (first, new folder)" ":" 'build 2026-11-22 "$dir/first-$run"'
# Two untimed builds first: the second leaves the first as the spare the timed ones reuse.
build 2026-11-22 "$dir/out" >/dev/null
build 2026-11-22 "$dir/out" >/dev/null
measure "build (same day again)" ":" 'build 2026-11-22 "$dir/out"'
measure "build (next day)" 'build 2026-11-22 "$dir/out" >/dev/null' 'build 2026-11-23 "$dir/out"'
