#!/usr/bin/env bash
# Run every fuzz target for SECONDS (default 600) on one core, one after another, starting from
# the committed seeds (fuzz/seeds/TARGET) and the working corpus (fuzz/corpus/TARGET, not
# committed). Prints one line per target: executions, corpus size, and whether it found a crash
# (crash inputs land in fuzz/artifacts/TARGET; add them to fuzz/seeds and to the hostile corpus).
#
#   fuzz/run.sh            # 10 minutes each
#   fuzz/run.sh 0          # only replay the seeds (what .ci/run does)
#
# Uses the stable toolchain with RUSTC_BOOTSTRAP=1 (cargo-fuzz needs nightly flags), so no
# nightly is needed: `cargo install cargo-fuzz --locked` first.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
targets=${TARGETS:-"dateline html feed records export_csv numbers_dates analyze"}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none -O >/dev/null 2>build.log || { cat build.log; exit 1; }
status=0
for t in $targets; do
  mkdir -p "corpus/$t"
  if [ "$secs" = 0 ]; then
    args=(-runs=0)
  else
    args=(-max_total_time="$secs")
  fi
  log="run-$t.log"
  if cargo fuzz run -s none -O "$t" "corpus/$t" "seeds/$t" -- "${args[@]}" -rss_limit_mb=2048 -max_len=65536 -timeout=10 -print_final_stats=1 \
      >"$log" 2>&1; then
    result=ok
  elif grep -q "failed to build fuzz script" "$log"; then
    result="BUILD FAILED (see fuzz/$log)"
    status=1
  else
    result="CRASH (see fuzz/$log and fuzz/artifacts/$t)"
    status=1
  fi
  execs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | grep -Eo '[0-9]+$' || true)
  [ -z "$execs" ] && execs=$(grep -Eo '#[0-9]+' "$log" | tail -1 | tr -d '#')
  printf '%-14s %10s execs  %6s corpus  %s\n' "$t" "${execs:-?}" "$(ls "corpus/$t" | wc -l)" "$result"
done
exit $status
