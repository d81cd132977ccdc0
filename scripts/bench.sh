#!/usr/bin/env bash
# Benchmark: how long `goodwill due --json` (and `build`, where present) takes on a
# generated repository of 10,000 contacts and 5,000 applications. Prints the best of N runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet --example generate_repo --bin goodwill
./target/release/examples/generate_repo "$dir/repo" "${CONTACTS:-10000}" "${APPLICATIONS:-5000}"
best() {
  local best_ms=999999
  for _ in $(seq "$runs"); do
    local start end ms
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    ((ms < best_ms)) && best_ms=$ms
  done
  echo "$best_ms"
}
echo "due --json: $(best ./target/release/goodwill --root "$dir/repo" --today 2026-11-22 due --json) ms (best of $runs)"
echo "check:      $(best ./target/release/goodwill --root "$dir/repo" --today 2026-11-22 check) ms (best of $runs)"
if ./target/release/goodwill build --help >/dev/null 2>&1; then
  echo "build:      $(best ./target/release/goodwill --root "$dir/repo" --today 2026-11-22 build --out "$dir/out") ms (best of $runs)"
fi
