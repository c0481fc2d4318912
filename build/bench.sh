#!/usr/bin/env bash
# Performance figures for Bridgelog, printed beside their targets (figures, not
# pass/fail: this machine is noisy, compare ratios and trends, not single runs).
#  (a) the store's Go benchmarks (backend/sqlite): entry commit vs a raw insert, search latency
#  (b) one incident of BENCH_SEED and one of BENCH_BIG entries, each seeded through the record
#      import of the command line (a generated JSON export, one transaction), then in the real UI
#      (dev binary + Chromium): first paint of the newest rows, Enter to row, scrolling to the top
#      and back (blank frames sampled from the DOM); the production window's idle memory on each
#  (c) cold start to interactive of the production binary under Xvfb, idle memory (PSS), idle
#      CPU with an open incident, and memory over a long call at a 60x clock
# No phase is bounded by wall time alone: the seeding and UI waits end on progress, and the
# last-resort timeouts grow with the number of entries, so a slow disk gives slow figures.
# Env: BENCHTIME (go -benchtime, default 2000x), BENCH_SEED (10000), BENCH_BIG (200000),
#      BENCH_SAMPLES (50), BENCH_STALL_MS (60000), COLD_RUNS (3), IDLE_SECS (30),
#      LONG_SECS (240; 600 for a 10-hour call), SKIP_BUILD=1 to use the binaries in build/bin.
# Logs and the raw figures go to build/out/bench-*.
# shellcheck disable=SC2317 # Many functions here are called through wait_for, check or a trap.
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
go_bin_on_path
mkdir -p "$out"

# ---------------------------------------------------------------- (b) production window on a seeded database, inside Xvfb
# --inner-pss TMP DB N: launches the production binary on DB (N entries), times the window and
# the entry line taking input, then reads the idle PSS of the app and its WebKit processes.
if [ "${1:-}" = --inner-pss ]; then
  tmp=$2 db=$3 n=$4
  app_home "$tmp/home-$n"
  app=
  end_app() { [ -z "$app" ] || stop_app "$app" 5; app=; }
  trap end_app EXIT
  limit=$((20000 + n / 5)) # ms; 60 s at 200,000 entries
  t0=$(now_ms)
  "$bin" --db "$db" >"$tmp/pss-$n.log" 2>&1 & app=$!
  until find_window || [ $(( $(now_ms) - t0 )) -ge "$limit" ]; do sleep 0.02; done
  [ -n "$wid" ] || { echo "error $n: no window"; exit 1; }
  tw=$(( $(now_ms) - t0 ))
  xdotool windowfocus "$wid" 2>/dev/null
  a=0
  until [ "$(sq "SELECT count(*) FROM entries WHERE text GLOB 'psswarm$n*'")" != 0 ] || [ $(( $(now_ms) - t0 )) -ge $((limit * 2)) ]; do
    a=$((a + 1)); xdotool type --delay 0 "psswarm$n $a"; xdotool key Return; sleep 0.2
  done
  tr=$(( $(now_ms) - t0 ))
  sleep 10
  total=0 parts=
  for p in $(descendants "$app"); do
    kb=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null)
    [ -n "$kb" ] || continue
    total=$((total + kb)); parts="$parts $(cat "/proc/$p/comm")=$kb"
  done
  echo "pss_run $n $tw $tr $total$parts"
  exit 0
fi

# ---------------------------------------------------------------- (c) inside Xvfb
if [ "${1:-}" = --inner-cold ]; then
  tmp=$2; runs=${COLD_RUNS:-3}
  db=$tmp/cold.db
  app_home "$tmp"
  app=
  end_app() { [ -z "$app" ] || stop_app "$app" 5; app=; }
  trap end_app EXIT

  # First launch: create the incident so later launches open straight on the entry line.
  "$bin" --db "$db" >"$tmp/app0.log" 2>&1 & app=$!
  wait_for 20 find_window || { echo "error no window on first launch"; exit 1; }
  xdotool windowfocus --sync "$wid" 2>/dev/null
  wait_for 10 rendered "$tmp/p.png"
  sleep 1
  xdotool type --delay 10 "Cold start bench"; xdotool key Return
  has_incident() { [ "$(sq 'SELECT count(*) FROM incidents')" = 1 ]; }
  wait_for 5 has_incident || { echo "error the first-launch dialog did not create the incident"; exit 1; }
  sleep 0.5
  end_app

  for k in $(seq 1 "$runs"); do
    sq 'DELETE FROM drafts' >/dev/null
    t0=$(now_ms)
    "$bin" --db "$db" >"$tmp/app$k.log" 2>&1 & app=$!
    # No pause between looks: the time to the window is a figure.
    until find_window || [ $(( $(now_ms) - t0 )) -ge 20000 ]; do :; done
    [ -n "$wid" ] || { echo "error run $k: no window"; exit 1; }
    tw=$(( $(now_ms) - t0 ))
    xdotool windowfocus "$wid" 2>/dev/null
    # Probe the entry line: type a unique token + Enter until one arrives whole
    # in the database; the line was ready between the last failed probe and it.
    declare -A sent=(); a=0; ready=
    while [ $(( $(now_ms) - t0 )) -lt 20000 ]; do
      a=$((a + 1)); sent[$a]=$(( $(now_ms) - t0 ))
      xdotool type --delay 0 "cold${k}p${a}q"; xdotool key Return
      if [ $((a % 3)) -eq 0 ] && [ "$(sq "SELECT count(*) FROM entries WHERE text GLOB 'cold${k}p*q'")" != 0 ]; then break; fi
    done
    sleep 0.3
    first=$(sq "SELECT min(CAST(substr(text, length('cold${k}p') + 1, length(text) - length('cold${k}p') - 1) AS INTEGER)) FROM entries WHERE text GLOB 'cold${k}p[0-9]*q'")
    if [ -n "$first" ]; then ready=${sent[$first]}; prev=${sent[$((first - 1))]:-0}; fi
    echo "cold $k ${tw} ${ready:-NA} ${prev:-NA} ${a}"
    if [ "$k" -lt "$runs" ]; then end_app; fi
  done

  # Idle memory of the last launch: PSS over the app and every process it started
  # (WebKitWebProcess, WebKitNetworkProcess), after 10 s without input.
  sleep 10
  total=0
  for p in $(descendants "$app"); do
    kb=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null)
    [ -n "$kb" ] || continue
    echo "pss $p $(cat "/proc/$p/comm") $kb"
    total=$((total + kb))
  done
  echo "pss_total $total"

  # Idle CPU: the same launch (an open incident, so the reminder loop runs),
  # CPU time of the app and its children over IDLE_SECS without input.
  idle=${IDLE_SECS:-30}
  ticks() { local t=0 p v; for p in $(descendants "$app"); do
      v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null) && t=$((t + ${v:-0})); done; echo "$t"; }
  for p in $(descendants "$app"); do echo "idle_ticks0 $p $(cat /proc/$p/comm) $(awk '{ print $14 + $15 }' /proc/$p/stat)"; done
  c0=$(ticks); sleep "$idle"; c1=$(ticks)
  for p in $(descendants "$app"); do echo "idle_ticks1 $p $(cat /proc/$p/comm) $(awk '{ print $14 + $15 }' /proc/$p/stat)"; done
  echo "idle_cpu $(awk -v d=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v s="$idle" 'BEGIN { printf "%.2f", 100 * d / hz / s }') $idle"
  end_app

  # A long call at a fast clock: BRIDGELOG_TIME_SCALE=60 makes LONG_SECS real
  # seconds LONG_SECS minutes of incident time (reminders firing, clocks
  # ticking), with a line typed every 5 s. After a warm-up, memory is sampled
  # every 15 s: PSS over all processes and its anonymous part (the heaps; the
  # rest is shared libraries, whose share moves with what else runs). A leak
  # shows as a rising trend, which one before/after pair cannot tell from noise.
  long=${LONG_SECS:-240}
  BRIDGELOG_TIME_SCALE=60 "$bin" --db "$db" >"$tmp/long.log" 2>&1 & app=$!
  wait_for 20 find_window || { echo "error long call: no window"; exit 1; }
  xdotool windowfocus "$wid" 2>/dev/null
  pss_now() { local t=0 a=0 p kb an; for p in $(descendants "$app"); do
      read -r kb an < <(awk '/^Pss:/ { p = $2 } /^Pss_Anon:/ { a = $2 } END { print p + 0, a + 0 }' "/proc/$p/smaps_rollup" 2>/dev/null)
      t=$((t + ${kb:-0})); a=$((a + ${an:-0})); done; echo "$t $a"; }
  sleep 20
  start=$(now_ms); i=0
  while [ $(( $(now_ms) - start )) -lt $((long * 1000)) ]; do
    i=$((i + 1))
    xdotool type --delay 5 "long call line $i"; xdotool key Return
    if [ $((i % 3)) -eq 1 ]; then echo "long_sample $(( ($(now_ms) - start) / 1000 )) $(pss_now)"; fi
    sleep 5
  done
  echo "long_sample $(( ($(now_ms) - start) / 1000 )) $(pss_now)"
  echo "long_done $long $(sq "SELECT count(*) FROM entries WHERE text GLOB 'long call line *'")"
  end_app
  exit 0
fi

# ---------------------------------------------------------------- outside
row() { printf '| %-46s | %-44s | %-16s |\n' "$1" "$2" "$3"; }
results=()
add() { results+=("$(row "$@")"); }

# The UI bench serves a private copy of the built frontend (see build/e2e.sh).
export BRIDGELOG_ASSET_DIR=${BRIDGELOG_ASSET_DIR:-$out/bench-dist}
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building (frontend, dev binary, production binary)"
  { build_frontend && rm -rf "$BRIDGELOG_ASSET_DIR" && cp -r frontend/dist "$BRIDGELOG_ASSET_DIR" &&
    build_dev_app && build_app; } >"$out/bench-build.log" 2>&1 ||
    { tail -20 "$out/bench-build.log"; echo "bench: build failed" >&2; exit 1; }
elif [ ! -d "$BRIDGELOG_ASSET_DIR" ]; then
  cp -r frontend/dist "$BRIDGELOG_ASSET_DIR"
fi

# (a) ------------------------------------------------------------ store benchmarks
echo "== (a) go test ./backend/sqlite -bench 'CreateEntry|Search' -benchtime ${BENCHTIME:-2000x}"
timeout 600 go test -tags webkit2_41 ./backend/sqlite -run '^$' -bench 'CreateEntry|Search' -benchtime "${BENCHTIME:-2000x}" -count 1 \
  2>&1 | tee "$out/bench-go.log" | grep -E '^(Benchmark|ok|FAIL|PASS|goos|cpu)' || true
# A chat import of 5,000 messages in one transaction: a few runs are enough.
timeout 300 go test -tags webkit2_41 ./backend/sqlite -run '^$' -bench ImportEntries -benchtime 5x -count 1 \
  2>&1 | tee -a "$out/bench-go.log" | grep -E '^(Benchmark|ok|FAIL)' || true
# The same commit through the bound method a scribe's Enter calls (grammar, time,
# settings, store, draft, clocks hook), beside a raw INSERT in the same run.
timeout 600 go test -tags webkit2_41 ./app -run '^$' -bench TimelineAdd -benchtime "${BENCHTIME_ADD:-1000x}" -count 1 \
  2>&1 | tee -a "$out/bench-go.log" | grep -E '^(Benchmark|ok|FAIL)' || true
# metric BENCH UNIT: the value reported with UNIT on BENCH's line (empty if none).
metric() {
  awk -v b="^$1-[0-9]+\$" -v u="$2" '$1 ~ b { for (i = 3; i < NF; i++) if ($(i + 1) == u) print $i }' "$out/bench-go.log"
}
ms() { [ -n "$1" ] && awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }' || echo NA; }
if grep -qE '^BenchmarkCreateEntry-' "$out/bench-go.log"; then
  add "CreateEntry p50 / p99 (incident of 10k entries)" "$(ms "$(metric BenchmarkCreateEntry p50-µs)") / $(ms "$(metric BenchmarkCreateEntry p99-µs)") ms" "-"
  add "raw single-row INSERT p50 / p99 (same pragmas)" "$(ms "$(metric BenchmarkCreateEntry raw-p50-µs)") / $(ms "$(metric BenchmarkCreateEntry raw-p99-µs)") ms" "-"
  add "CreateEntry / raw insert (p50 ratio)" "$(metric BenchmarkCreateEntry ratio-p50)x" "<= 1.5x"
else
  add "CreateEntry" "did not run (see build/out/bench-go.log)" "<= 1.5x raw insert"
fi
if grep -qE '^BenchmarkTimelineAdd-' "$out/bench-go.log"; then
  add "Timeline.Add (bound method) p50 / p99 at 10k entries" "$(ms "$(metric BenchmarkTimelineAdd p50-µs)") / $(ms "$(metric BenchmarkTimelineAdd p99-µs)") ms" "-"
  add "Timeline.Add / raw insert (p50 ratio)" "$(metric BenchmarkTimelineAdd ratio-p50)x" "<= 1.5x"
fi
if grep -qE '^BenchmarkImportEntries-' "$out/bench-go.log"; then
  ns=$(awk '$1 ~ /^BenchmarkImportEntries-/ { print $3 }' "$out/bench-go.log")
  add "chat import of 5,000 messages (one transaction)" "$(awk -v n="$ns" 'BEGIN { printf "%.0f ms", n / 1e6 }')" "-"
fi
if grep -qE '^BenchmarkSearch-' "$out/bench-go.log"; then
  add "Search p50 / p99 (100k entries, 20 incidents)" "$(ms "$(metric BenchmarkSearch p50-µs)") / $(ms "$(metric BenchmarkSearch p99-µs)") ms" "p99 <= 10 ms"
else
  add "Search" "did not run (see build/out/bench-go.log)" "p99 <= 10 ms"
fi

# (b) ------------------------------------------------------------ seeded incidents in the UI
scratch bench
small=${BENCH_SEED:-10000} big=${BENCH_BIG:-200000}
j() { node -e "const r=JSON.parse(process.argv[1]); const v=r[process.argv[2]]; console.log(typeof v==='number'&&!Number.isInteger(v)?v.toFixed(1):v)" "$1" "$2"; }
for n in "$small" "$big"; do
  echo "== (b) $n entries: seed through import-record, then the UI (dev binary, Chromium)"
  rec=$tmp/record-$n.json seeded=$tmp/seed-$n.db
  t0=$(now_ms)
  node frontend/e2e/bench-ui.mjs record "$n" "$rec" 2>>"$out/bench-seed.log"
  t1=$(now_ms)
  "$bin" import-record "$rec" --db "$seeded" >>"$out/bench-seed.log" 2>&1
  st=$?; t2=$(now_ms)
  if [ "$st" -ne 0 ] || [ ! -s "$seeded" ]; then
    add "seed $n entries (import-record)" "failed (see build/out/bench-seed.log)" "-"
    continue
  fi
  mb=$(awk -v b="$(stat -c %s "$rec")" 'BEGIN { printf "%.1f", b / 1048576 }')
  echo "   seeded $n entries: record written in $((t1 - t0)) ms ($mb MB), imported in $((t2 - t1)) ms"
  add "seed $n entries (record import, one transaction)" "$((t2 - t1)) ms (+ $((t1 - t0)) ms writing $mb MB)" "-"
  rm -f "$rec"
  # A last resort against a hung process only: the waits inside end on progress.
  json=$(timeout -k 10 $((600 + n / 40)) node frontend/e2e/bench-ui.mjs measure "$seeded" 2> >(tee -a "$out/bench-ui.log" >&2) | tail -1)
  echo "$json" >"$out/bench-ui-$n.json"
  if echo "$json" | grep -q domP95; then
    add "first paint at $n (page load -> newest rows)" "$(j "$json" firstPaintMs) ms (first row $(j "$json" firstRowMs) ms)" "<= 1000 ms"
    add "rows in the DOM at $n entries" "$(j "$json" domRows)" "-"
    add "Enter -> row in DOM at $n, p50 / p95" "$(j "$json" domP50) / $(j "$json" domP95) ms ($(j "$json" samples))" "p95 <= 16 ms"
    add "Enter -> next frame at $n, p50 / p95" "$(j "$json" frameP50) / $(j "$json" frameP95) ms" "p95 <= 16 ms"
    add "scroll to the top at $n: oldest row shown" "$(j "$json" topMs) ms; blank $(j "$json" topBlankFrames)/$(j "$json" topFrames) frames" "no blank frame"
    add "scroll back at $n: newest row shown" "$(j "$json" backMs) ms; blank $(j "$json" backBlankFrames)/$(j "$json" backFrames) frames" "no blank frame"
  else
    add "UI figures at $n entries" "failed (see build/out/bench-ui.log)" "-"
  fi
  echo "== (b) $n entries: the production window's idle memory"
  headless --sid "$tmp/pss-$n.sid" --timeout $((120 + n / 1000)) 1280x900 \
    "$root/build/bench.sh" --inner-pss "$tmp" "$seeded" "$n" >"$out/bench-pss-$n.log" 2>&1
  kill_sessions "$tmp"
  read -r _ _ tw tr kb parts < <(grep '^pss_run' "$out/bench-pss-$n.log")
  if [ -n "${kb:-}" ]; then
    add "idle PSS, production window at $n entries" "$(awk -v k="$kb" 'BEGIN { printf "%.1f MB", k / 1024 }') ($(echo "$parts" | awk '{ for (i = 1; i <= NF; i++) { split($i, f, "="); printf "%s%s %.0f", (i > 1 ? ", " : ""), f[1], f[2] / 1024 } }'))" "<= 300 MB"
    add "launch -> window / -> line takes input at $n" "$tw / $tr ms" "-"
  else
    add "idle PSS at $n entries" "failed (see build/out/bench-pss-$n.log)" "<= 300 MB"
  fi
  rm -f "$seeded" "$seeded"-wal "$seeded"-shm
done

# (c) ------------------------------------------------------------ cold start, memory
echo "== (c) cold start and idle memory of build/bin/bridgelog under Xvfb"
headless --sid "$tmp/cold.sid" --timeout $((360 + ${LONG_SECS:-240})) 1280x900 \
  "$root/build/bench.sh" --inner-cold "$tmp" >"$out/bench-cold.log" 2>&1
kill_sessions "$tmp" # before the figures: nothing of the run may still use the CPU
grep -E '^(cold|pss|error)' "$out/bench-cold.log" | sed 's/^/  /'
wins=$(awk '$1 == "cold" { print $3 }' "$out/bench-cold.log" | sort -n | tr '\n' ' ')
readys=$(awk '$1 == "cold" && $4 != "NA" { print $4 }' "$out/bench-cold.log" | sort -n | tr '\n' ' ')
median() { local a=($1); [ ${#a[@]} -gt 0 ] && echo "${a[$(( (${#a[@]} - 1) / 2 ))]}" || echo NA; }
add "cold start: launch -> window visible" "median $(median "$wins") ms (runs: ${wins:-none})" "-"
add "cold start: launch -> entry line takes input" "median $(median "$readys") ms (runs: ${readys:-none})" "<= 1000 ms"
pss=$(awk '$1 == "pss_total" { printf "%.1f", $2 / 1024 }' "$out/bench-cold.log")
procs=$(awk '$1 == "pss" { printf "%s %.0f MB, ", $3, $4 / 1024 }' "$out/bench-cold.log")
add "idle PSS after 10 s (app + WebKit children)" "${pss:-NA} MB (${procs%, })" "<= 300 MB"
cpu=$(awk '$1 == "idle_cpu" { print $2 "% of one core over " $3 " s" }' "$out/bench-cold.log")
add "idle CPU, open incident, reminder loop running" "${cpu:-NA}" "<= 1 %"
# The trend: least-squares slope of each series over the call, in MB per
# hour of call (app time: 60x), beside the first and last thirds' medians.
long=$(awk '
  $1 == "long_sample" { n++; t[n] = $2; p[n] = $3 / 1024; a[n] = $4 / 1024 }
  $1 == "long_done" { mins = $2; lines = $3 }
  function slope(y,   i, st, sy, stt, sty, m) {
    for (i = 1; i <= n; i++) { st += t[i]; sy += y[i]; stt += t[i] * t[i]; sty += t[i] * y[i] }
    m = (n * sty - st * sy) / (n * stt - st * st); return m * 60 # MB per real minute = per app hour
  }
  function med(y, from, to,   i, k, v, s) {
    k = 0; for (i = from; i <= to; i++) v[++k] = y[i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { s = v[i]; v[i] = v[j]; v[j] = s }
    return v[int((k + 1) / 2)]
  }
  END {
    if (n < 6) exit
    third = int(n / 3)
    printf "PSS %.0f -> %.0f MB (%+.1f MB per hour of call); anonymous %.0f -> %.0f MB (%+.1f MB/h); %d samples over %d min of call, %d lines",
      med(p, 1, third), med(p, n - third + 1, n), slope(p), med(a, 1, third), med(a, n - third + 1, n), slope(a), n, mins, lines
  }' "$out/bench-cold.log")
add "memory over a long call at 60x clock" "${long:-NA}" "no growth"

echo
echo "Bridgelog bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs (figures, not pass/fail)"
row "figure" "value" "target"
row "----------------------------------------------" "--------------------------------------------" "----------------"
printf '%s\n' "${results[@]}"
