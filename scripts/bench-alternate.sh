#!/usr/bin/env bash
# Speed of two classifier builds, measured as this machine's noise allows: `classifier bench` on one core
# (taskset -c 0), the two builds alternated RUNS times (the first named runs first in each pair), and each
# run's ratio (classifications per baseline tokenisation, the baseline timed in the same run) compared.
#
#   scripts/bench-alternate.sh NEW_BUILD OLD_BUILD [RUNS=7]
#
# Prints every run, then for each build the range of classifications/s, the runs at or above 20,000 and the
# ratio's range and mean, and the per-run ratio of ratios (NEW / OLD): its range and mean.
set -euo pipefail
new=$1 old=$2 runs=${3:-7}
texts=(corpus/classification/train.jsonl corpus/classification/test.jsonl)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for i in $(seq "$runs"); do
  for build in new old; do
    bin=${!build}
    taskset -c 0 "$bin" bench "${texts[@]}" 2>&1 \
      | awk -v run="$i" -v build="$build" '/^classifications\/s/ {c = $2} /^ratio/ {r = $2} END {print run, build, c, r}'
  done
done | tee "$out"
python3 - "$out" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    run, build, rate, ratio = line.split()
    runs.setdefault(run, {})[build] = (int(rate), float(ratio))
for build in ("new", "old"):
    rates = [r[build][0] for r in runs.values()]
    ratios = [r[build][1] for r in runs.values()]
    print(f"{build}: {min(rates)}-{max(rates)}/s, {sum(x >= 20000 for x in rates)} of {len(rates)} runs at or above 20,000; "
          f"ratio {min(ratios):.3f}-{max(ratios):.3f} (mean {statistics.mean(ratios):.3f})")
rr = [r["new"][1] / r["old"][1] for r in runs.values()]
print(f"ratio of ratios (new / old): {min(rr):.3f}-{max(rr):.3f} (mean {statistics.mean(rr):.3f})")
EOF
