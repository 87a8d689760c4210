#!/usr/bin/env bash
# Runs a named subset of argmax's JMH benchmarks and of the peers' (commons-math3, Smile: their own
# jar, their own classpath) in one invocation, then writes the results as JSON plus a Markdown
# report with the ratios to the machine's reference rows and the peers' coefficient differences.
#
#   benchmarks/run-benchmarks.sh [quick|scaling|peers|fits|paths|full] [OUT_DIR]
#
#   quick    (default, ~5 min on 2 cores) reference rows + kernels at 1e5 x {10, 100}, MLE fits of
#            every registered solver but ISTA at 1e5 x 10 (iid and Toeplitz, binomial), peers at 1e4 x 10
#   scaling  reference rows and kernels at n in {1e4, 1e5, 1e6} x p in {10, 100}, and p = 1000
#            for n <= 1e5                                                        (~10 min)
#   peers    argmax and the peers at 1e5 x 100, iid and Toeplitz                  (~8 min)
#   fits     MLE fits, 3 families x 5 scenarios at 1e5 x 10, every solver, and lasso fits
#            (lambda 0.01) at 1e5 x 100 with every lasso solver                (long: ~20 min)
#   paths    the issue's lasso paths: gaussian Toeplitz 1e5 x 1000 and binomial iid 1e5 x 100,
#            100 lambdas, one measured path each                          (long: ~10 min + 1.6 GB)
#   full     all of the above (long)
#
# Builds the jars when they are missing (mvn package -DskipTests). Results go to OUT_DIR
# (default benchmarks/results/<subset>-<date>): jmh-*.json, answers/, results.json, results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SUBSET="${1:-quick}"
OUT="${2:-benchmarks/results/${SUBSET}-$(date +%Y%m%d-%H%M%S)}"
ARGMAX_JAR=benchmarks/target/argmax-benchmarks.jar
PEERS_JAR=benchmarks/peers/target/argmax-peers.jar
if [[ ! -f "$ARGMAX_JAR" || ! -f "$PEERS_JAR" ]]; then
  mvn -B -ntp -q package -DskipTests
fi
mkdir -p "$OUT/answers"
ANSWERS="$(cd "$OUT/answers" && pwd)"
COMMON=(-foe false -jvmArgsPrepend "-Dargmax.bench.answers=$ANSWERS")
JAVA_OPTS=(-Xss4m)
k=0

progress() {     # a progress line on stderr, only when it is a terminal
  if [[ -t 2 ]]; then printf '\r[%s] step %d: %s\033[K\n' "$SUBSET" "$k" "$1" >&2; fi
}
argmax_jmh() {   # argmax_jmh REGEX [JMH options...]
  k=$((k + 1)); progress "argmax $1"
  java "${JAVA_OPTS[@]}" -cp "$ARGMAX_JAR" org.openjdk.jmh.Main "$@" "${COMMON[@]}" -rf json -rff "$OUT/jmh-argmax-$k.json" \
    | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmarks)|ERROR|Exception' || true
}
peers_jmh() {
  k=$((k + 1)); progress "peers $1"
  java "${JAVA_OPTS[@]}" -jar "$PEERS_JAR" "$@" "${COMMON[@]}" -rf json -rff "$OUT/jmh-peers-$k.json" \
    | grep -E '^(Benchmark|PeerBenchmarks)|ERROR|Exception' || true
}

MLE_SOLVERS="$(java -cp "$ARGMAX_JAR" dev.argmax.bench.SolverNames binomial 2>/dev/null || true)"
LOGISTIC_SOLVER="${MLE_SOLVERS%%,*}"
LASSO_SOLVERS="$(java -cp "$ARGMAX_JAR" dev.argmax.bench.SolverNames gaussian lasso 2>/dev/null || true)"
LASSO_SOLVER="${LASSO_SOLVERS%%,*}"
echo "solvers: MLE [$MLE_SOLVERS], lasso [$LASSO_SOLVERS]" >&2

run_quick() {
  argmax_jmh 'ReferenceBenchmarks|KernelBenchmarks' -p n=100000 -p p=10,100 -p family=binomial
  # ISTA (no acceleration) needs minutes on the Toeplitz design: left to the "fits" subset
  local quick_solvers
  quick_solvers="$(echo "$MLE_SOLVERS" | tr ',' '\n' | grep -v '^ista$' | paste -sd, -)"
  if [[ -n "$quick_solvers" ]]; then
    argmax_jmh 'FitBenchmarks' -p family=binomial -p scenario=iid,toeplitz -p n=100000 -p p=10 \
      -p "solver=$quick_solvers" -i 2
  fi
  run_peer_pair 10000 10 iid
}
run_scaling() {
  argmax_jmh 'ReferenceBenchmarks\.(syrk|pass|weightedGram)|KernelBenchmarks' -p n=10000,100000,1000000 -p p=10,100 \
    -p family=binomial -wi 1 -i 2
  # p = 1000 where memory allows (1e6 x 1000 would be 8 GB)
  argmax_jmh 'ReferenceBenchmarks\.(syrk|pass|weightedGram)|KernelBenchmarks' -p n=10000,100000 -p p=1000 \
    -p family=binomial -wi 1 -i 2
}
run_peer_pair() {   # n p scenario
  local opts=(-p "n=$1" -p "p=$2" -p "scenario=$3")
  if [[ -n "$LOGISTIC_SOLVER" && -n "$LASSO_SOLVER" ]]; then
    argmax_jmh 'PeerProblemBenchmarks' "${opts[@]}" -p "logisticSolver=$LOGISTIC_SOLVER" -p "penalizedSolver=$LASSO_SOLVER"
  else
    argmax_jmh 'PeerProblemBenchmarks\.ols' "${opts[@]}"
  fi
  peers_jmh 'PeerBenchmarks' "${opts[@]}"
}
run_peers() {
  run_peer_pair 100000 100 iid
  run_peer_pair 100000 100 toeplitz
}
run_fits() {
  [[ -n "$MLE_SOLVERS" ]] || { echo "no solver registered: no fits" >&2; return; }
  argmax_jmh 'FitBenchmarks' -p family=gaussian,binomial,poisson -p scenario=iid,toeplitz,scales,rare,wide \
    -p n=100000 -p p=10 -p "solver=$MLE_SOLVERS" -i 2
  # one lasso per family with every solver that handles it
  if [[ -n "$LASSO_SOLVERS" ]]; then
    argmax_jmh 'FitBenchmarks' -p family=gaussian,binomial -p scenario=iid,toeplitz -p n=100000 -p p=100 \
      -p lambda=0.01 -p alpha=1 -p "solver=$LASSO_SOLVERS" -i 2
  fi
}

run_paths() {
  argmax_jmh 'PathBenchmarks' -p family=gaussian -p scenario=toeplitz -p n=100000 -p p=1000 -wi 0 -i 1
  argmax_jmh 'PathBenchmarks' -p family=binomial -p scenario=iid -p n=100000 -p p=100 -wi 0 -i 1
}

case "$SUBSET" in
  quick) run_quick ;;
  scaling) run_scaling ;;
  peers) run_peers ;;
  fits) run_fits ;;
  paths) run_paths ;;
  full) run_quick; run_scaling; run_peers; run_fits; run_paths ;;
  *) echo "unknown subset '$SUBSET' (quick, scaling, peers, fits, paths, full)" >&2; exit 2 ;;
esac

MACHINE="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
java -cp "$ARGMAX_JAR" dev.argmax.bench.report.BenchReport --answers "$ANSWERS" --json "$OUT/results.json" \
  --markdown "$OUT/results.md" --machine "$MACHINE" "$OUT"/jmh-*.json
echo "results: $OUT/results.md and $OUT/results.json" >&2
cat "$OUT/results.md"
