#!/usr/bin/env bash
# Side-by-side CSV reading: argmax's CsvTable, R data.table::fread and pandas.read_csv on the same
# file and machine, each in a fresh process under /usr/bin/time (wall seconds of the read itself as
# the tool reports it, and the process's peak resident memory).
#
#   benchmarks/csv/compare.sh FILE.csv [threads]
#
# Needs: the benchmarks jar (mvn -B -ntp -q package -DskipTests), Rscript with data.table,
# python3 with pandas. Make the test files with benchmarks/csv/make-files.R.
set -euo pipefail
file=$1
threads=${2:-$(nproc)}
here=$(cd "$(dirname "$0")/../.." && pwd)
jar=$here/benchmarks/target/argmax-benchmarks.jar
mb=$(du -m --apparent-size "$file" | cut -f1)
cat "$file" > /dev/null   # warm the page cache for every tool alike
run() {
  local name=$1; shift
  local out
  out=$( { /usr/bin/time -f "RSS_KB %M" "$@"; } 2>&1 )
  local secs rss
  secs=$(echo "$out" | grep -oE 'SECONDS [0-9.]+' | awk '{print $2}' | sort -g | head -1)
  rss=$(echo "$out" | grep -oE 'RSS_KB [0-9]+' | awk '{print $2}')
  printf '%-28s %8.2f s %8.0f MB/s  peak RSS %6.0f MB\n' "$name" "$secs" "$(echo "$mb / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}
echo "file $file: $mb MB, $threads threads"
run "argmax CsvTable" java -cp "$jar" dev.argmax.bench.CsvReadTiming "$file" 3
run "data.table::fread" Rscript -e "suppressMessages(library(data.table)); setDTthreads($threads);
  for (i in 1:3) { t <- system.time(d <- fread('$file', nThread = $threads)); cat('SECONDS', t[['elapsed']], '\n') }"
run "pandas.read_csv" /usr/bin/python3 -c "
import time, pandas as pd
for i in range(3):
    t = time.time(); d = pd.read_csv('$file'); print('SECONDS', time.time() - t); del d"
# the processes' own footprint (nothing read), to subtract from the peaks above
base() {
  local name=$1; shift
  local rss
  rss=$( { /usr/bin/time -f "RSS_KB %M" "$@" > /dev/null; } 2>&1 | grep -oE 'RSS_KB [0-9]+' | awk '{print $2}')
  printf '%-28s baseline peak RSS %6.0f MB\n' "$name" "$(echo "$rss / 1024" | bc -l)"
}
base "argmax (JVM)" java -cp "$jar" dev.argmax.bench.CsvReadTiming --none
base "R + data.table" Rscript -e "suppressMessages(library(data.table))"
base "python + pandas" /usr/bin/python3 -c "import pandas"
