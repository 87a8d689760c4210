#!/usr/bin/env bash
# Side-by-side CSV reading: argmax's CsvTable against R's data.table::fread (and pandas.read_csv
# when a python3 with pandas is found) on the same files and machine, in one command.
#
#   benchmarks/csv/compare.sh [DIR] [REPEATS] [THREADS]
#
# DIR holds numeric.csv and mixed.csv (make them once with: Rscript benchmarks/csv/make-files.R DIR);
# REPEATS (default 3) rounds, each running every tool once per file in a fresh process, back to back,
# so that a change of machine load hits all tools alike; THREADS (default: all cores) for every tool.
# BEFORE_CP=classpath also times that build of argmax ("before", e.g. main's classes) in every round;
# PANDAS=0 leaves pandas out; FIT=1 also times `argmax fit` (read + model frame + Gaussian fit) on numeric.csv,
# once with --response y and once with --formula "y ~ .", and reports the memory the fit added: its peak
# resident memory less that of the same fit on the file's first 1000 rows (the JVM's and ND4J's fixed
# footprint), set against the bytes of the fit's final doubles (design and response: 8 per number).
#
# For every run it prints the read time as the tool reports it, and the whole process's wall, user and
# system seconds and peak resident memory (/usr/bin/time); then per file the median read time of each
# tool and argmax's ratio to fread.
#
# Memory (issue 16: loading may add at most 1.5x the final columns): argmax prints the resident memory
# of its JVM just before the read (the fixed start-up footprint) and the peak after it; "added" is the
# difference and "x cols" its ratio to the bytes of the final columns (8 per number, 4 per text code).
# For the other tools the process's peak less that of the same process reading nothing is shown.
#
# Needs: the benchmarks jar (mvn -B -ntp -q package -DskipTests; for FIT=1 also cli/target/argmax.jar),
# Rscript with data.table; pandas is optional.
set -euo pipefail
dir=${1:-.}
repeats=${2:-3}
threads=${3:-$(nproc)}
here=$(cd "$(dirname "$0")/../.." && pwd)
jar=${ARGMAX_CP:-$here/benchmarks/target/argmax-benchmarks.jar}   # ARGMAX_CP: another class path to time
cli=$here/cli/target/argmax.jar
[ -n "${ARGMAX_CP:-}" ] || [ -f "$jar" ] || { echo "no $jar: build it with mvn -B -ntp -q package -DskipTests" >&2; exit 2; }
files=()
for f in numeric mixed; do
  [ -f "$dir/$f.csv" ] && files+=("$dir/$f.csv")
done
[ ${#files[@]} -gt 0 ] || { echo "no numeric.csv or mixed.csv in $dir: Rscript benchmarks/csv/make-files.R $dir" >&2; exit 2; }

python=
[ "${PANDAS:-1}" = 0 ] || for p in ${PYTHON:-} python3 /usr/bin/python3; do
  if command -v "$p" > /dev/null 2>&1 && "$p" -c 'import pandas' > /dev/null 2>&1; then python=$p; break; fi
done
[ -n "$python" ] || [ "${PANDAS:-1}" = 0 ] || echo "(no python3 with pandas found: pandas.read_csv is left out; set PYTHON=/path/to/python3)"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# one timed process: NAME FILE command...; appends "name file read wall user sys rss_mb extra" to $log
run() {
  local name=$1 file=$2; shift 2
  local out
  out=$( { /usr/bin/time -f "PROC %e %U %S %M" "$@"; } 2>&1 ) || { echo "$name failed on $file: $out" >&2; return 1; }
  local read proc extra
  read=$(echo "$out" | grep -oE 'SECONDS [0-9.]+' | head -1 | awk '{print $2}' || true)
  proc=$(echo "$out" | grep -E '^PROC ' | tail -1)
  extra=$(echo "$out" | grep -oE 'added [0-9]+ MB = [0-9.]+ x' | awk '{print $2 "MB=" $5 "x"}' || true)
  echo "$name $(basename "$file") ${read:-NA} $(echo "$proc" | awk '{printf "%s %s %s %.0f", $2, $3, $4, $5 / 1024}') ${extra:--}" \
    | tee -a "$log" | awk '{printf "  %-8s %-12s read %7s s   process: wall %7s s  user %6s s  sys %6s s  peak RSS %6s MB  %s\n", $1, $2, $3, $4, $5, $6, $7, ($8 == "-" ? "" : "added " $8 " cols")}'
}
base() {
  local name=$1; shift
  local rss
  rss=$( { /usr/bin/time -f "PROC %M" "$@" > /dev/null; } 2>&1 | grep -E '^PROC ' | awk '{printf "%.0f", $2 / 1024}')
  echo "  $name reading nothing: peak RSS $rss MB"
}

echo "== CSV reading side by side: $(date -u '+%F %T UTC'), $(nproc) cores, $threads threads per tool"
echo "   load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "${files[@]}"; do
  echo "   $f: $(awk -v b="$(stat -c %s "$f")" 'BEGIN {printf "%.0f", b / 1e6}') MB"
  cat "$f" > /dev/null   # page cache warm for every tool alike
done
base "argmax JVM" java -cp "$jar" dev.argmax.bench.CsvReadTiming --none
fitbase=
if [ "${FIT:-0}" = 1 ] && [ -f "$cli" ] && [ -f "$dir/numeric.csv" ]; then
  small=$(mktemp --suffix=.csv)
  head -1001 "$dir/numeric.csv" > "$small"
  fitbase=$( { /usr/bin/time -f "PROC %M" java -XX:ActiveProcessorCount="$threads" -jar "$cli" fit --data "$small" \
    --family gaussian --response y --format json > /dev/null; } 2>&1 | grep -E '^PROC ' | awk '{printf "%.0f", $2 / 1024}')
  rm -f "$small"
  fitrows=$(( $(wc -l < "$dir/numeric.csv") - 1 ))
  fitcols=$(head -1 "$dir/numeric.csv" | awk -F, '{print NF}')
  fitmb=$(awk -v r="$fitrows" -v c="$fitcols" 'BEGIN {printf "%.0f", r * c * 8 / 1048576}')
  echo "  argmax fit on the first 1000 rows (fixed footprint): peak RSS $fitbase MB; the fit's final doubles:" \
    "$fitrows x $fitcols x 8 bytes = $fitmb MB"
fi
base "R + data.table" Rscript -e "suppressMessages(library(data.table))"
[ -z "$python" ] || base "python + pandas" "$python" -c "import pandas"

for r in $(seq 1 "$repeats"); do
  echo "-- round $r (load $(cut -d' ' -f1 /proc/loadavg))"
  for f in "${files[@]}"; do
    run argmax "$f" java -XX:ActiveProcessorCount="$threads" -cp "$jar" dev.argmax.bench.CsvReadTiming "$f" 1
    [ -z "${BEFORE_CP:-}" ] || run before "$f" java -XX:ActiveProcessorCount="$threads" -cp "$BEFORE_CP:$jar" \
      dev.argmax.bench.CsvReadTiming "$f" 1
    run fread "$f" Rscript -e "suppressMessages(library(data.table)); setDTthreads($threads);
      t <- system.time(d <- fread('$f', nThread = $threads)); cat('SECONDS', t[['elapsed']], '\n')"
    [ -z "$python" ] || run pandas "$f" "$python" -c "
import time, pandas as pd
t = time.time(); d = pd.read_csv('$f'); print('SECONDS %.3f' % (time.time() - t))"
  done
  if [ "${FIT:-0}" = 1 ] && [ -f "$cli" ] && [ -f "$dir/numeric.csv" ]; then
    run "fit" "$dir/numeric.csv" java -XX:ActiveProcessorCount="$threads" -jar "$cli" fit --data "$dir/numeric.csv" \
      --family gaussian --response y --format json
    run "fitf" "$dir/numeric.csv" java -XX:ActiveProcessorCount="$threads" -jar "$cli" fit --data "$dir/numeric.csv" \
      --family gaussian --formula "y ~ ." --format json
  fi
done
echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== medians over $repeats rounds (read time as each tool reports it; process CPU = user + sys)"
for f in "${files[@]}"; do
  b=$(basename "$f")
  for tool in argmax before fread pandas fit fitf; do
    awk -v t="$tool" -v f="$b" '$1 == t && $2 == f {print $3, $5 + $6, $7, $4}' "$log" > "$log.$tool" || true
  done
  med() { awk -v c="$2" '{v[NR] = $c} END {if (NR == 0) print "NA"; else print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}' < <(sort -g -k"$2","$2" "$1"); }
  a=$(med "$log.argmax" 1); fr=$(med "$log.fread" 1)
  printf '  %-12s argmax %6s s (CPU %6s s, RSS %5s MB)   fread %6s s (CPU %6s s, RSS %5s MB)   argmax/fread %s\n' \
    "$b" "$a" "$(med "$log.argmax" 2)" "$(med "$log.argmax" 3)" "$fr" "$(med "$log.fread" 2)" "$(med "$log.fread" 3)" \
    "$(awk -v a="$a" -v b="$fr" 'BEGIN {printf "%.2f", a / b}')"
  if [ -s "$log.before" ]; then
    printf '  %-12s before %6s s (CPU %6s s, RSS %5s MB)   before/fread %s\n' "$b" "$(med "$log.before" 1)" \
      "$(med "$log.before" 2)" "$(med "$log.before" 3)" \
      "$(awk -v a="$(med "$log.before" 1)" -v b="$fr" 'BEGIN {printf "%.2f", a / b}')"
  fi
  if [ -s "$log.pandas" ]; then
    printf '  %-12s pandas %6s s (CPU %6s s, RSS %5s MB)\n' "$b" "$(med "$log.pandas" 1)" "$(med "$log.pandas" 2)" "$(med "$log.pandas" 3)"
  fi
  for f in fit fitf; do
    if [ -s "$log.$f" ]; then
      rss=$(med "$log.$f" 3)
      added=$(awk -v r="$rss" -v b="$fitbase" 'BEGIN {printf "%.0f", r - b}')
      printf '  %-12s argmax fit %-13s whole process: wall %6s s, CPU %6s s, RSS %5s MB, added %5s MB = %s x the final doubles\n' \
        "$b" "$([ $f = fit ] && echo '--response y' || echo '--formula')" "$(med "$log.$f" 4)" "$(med "$log.$f" 2)" "$rss" \
        "$added" "$(awk -v a="$added" -v d="$fitmb" 'BEGIN {printf "%.2f", a / d}')"
    fi
  done
  rm -f "$log".*
done
