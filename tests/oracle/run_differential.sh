#!/usr/bin/env bash
# Differential test: random, edge-heavy journeys (seeded) through `cjl append` and
# `cjl report`, compared child by child with the independent Python implementation of
# METRICS.md in this directory. Usage: run_differential.sh CJL_BINARY SEED...
set -euo pipefail
cjl=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$(dirname "$cjl"):$PATH"
for seed in "$@"; do
  python3 "$here/random_journeys.py" --seed "$seed" --children 250 > "$work/j$seed.jsonl"
  python3 "$here/compare.py" "$work/j$seed.jsonl" --cjl "$cjl" \
    --as-at 2022-03-31 --as-at 2021-02-28 --as-at 2023-10-17 \
    --profile dfe --profile count-same-carer
done
