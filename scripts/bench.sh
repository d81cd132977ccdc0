#!/usr/bin/env bash
# Benchmark: `due --json`, `check` and `build` on a generated repository of 10,000
# contacts and 5,000 applications (override with CONTACTS= and APPLICATIONS=). Prints the
# best and the median of RUNS runs (default 5) of the release binary. Between runs it waits
# for the background deletion of the previous dashboard, so one run does not slow the next.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
dir=$(mktemp -d "${TMPDIR:-/tmp}/goodwill-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet --example generate_repo --bin goodwill
./target/release/examples/generate_repo "$dir/repo" "${CONTACTS:-10000}" "${APPLICATIONS:-5000}"
bin=./target/release/goodwill

settle() {
  for _ in $(seq 300); do
    compgen -G "$dir/.*goodwill-old*" >/dev/null || break
    sleep 0.1
  done
  sync
}

# measure NAME SETUP COMMAND...: runs SETUP (untimed), then times COMMAND.
measure() {
  local name=$1 setup=$2
  shift 2
  local times=()
  for i in $(seq "$runs"); do
    eval "$setup"
    settle
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-28s best %5d ms   median %5d ms\n' "$name" "$(head -1 <<<"$sorted")" \
    "$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")"
}

measure "due --json" ":" $bin --root "$dir/repo" --today 2026-11-22 due --json
measure "check" ":" $bin --root "$dir/repo" --today 2026-11-22 check
measure "build (new folder)" 'rm -rf "$dir/out"' $bin --root "$dir/repo" --today 2026-11-22 build --out "$dir/out"
measure "build (same day again)" ":" $bin --root "$dir/repo" --today 2026-11-22 build --out "$dir/out"
measure "build (next day)" '$bin --root "$dir/repo" --today 2026-11-22 build --out "$dir/out" >/dev/null' \
  $bin --root "$dir/repo" --today 2026-11-23 build --out "$dir/out"
