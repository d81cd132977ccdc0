#!/usr/bin/env bash
# Runs goodwill's fuzz targets (fuzz/, cargo-fuzz on nightly), each for SECONDS.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default: 600 seconds, every target)
# New inputs go to fuzz/corpus/TARGET (git-ignored), seeded from fuzz/seeds/TARGET;
# a crash is saved under fuzz/artifacts/TARGET and makes the script fail.
# Set FUZZ_NICE=1 to run at the lowest CPU priority; FUZZ_JOBS=N for N processes each.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
nice=()
if [ "${FUZZ_NICE:-0}" = 1 ]; then
    nice=(nice -n 19)
fi

"${nice[@]}" cargo +nightly fuzz build
status=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    echo "== $target: ${seconds}s"
    log="corpus/$target.log"
    # With -jobs, libFuzzer runs workers that log to fuzz-N.log; one job logs here.
    jobs=()
    if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
        jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
    fi
    if ! "${nice[@]}" cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        "${jobs[@]}" -print_final_stats=1 >"$log" 2>&1; then
        echo "   $target FAILED: see fuzz/$log and fuzz/artifacts/$target/"
        status=1
    fi
    # The last status line: executions, coverage, corpus size.
    if [ ${#jobs[@]} -gt 0 ]; then
        cat fuzz-*.log >>"$log" 2>/dev/null && rm -f fuzz-*.log
    fi
    grep -E '^#[0-9]+' "$log" | tail -1 || true
    grep -E 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
done
exit $status
