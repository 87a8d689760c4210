#!/usr/bin/env bash
# Issue 15's speed comparison in one command: exports the multinomial problem (K = 5), times
# scikit-learn's MLE and glmnet's multinomial lasso paths on it, measures their answers with
# argmax's KKT violation, then times argmax (JMH MultinomialBenchmarks) at the same tolerances
# and prints a summary with the ratios.
#   benchmarks/peers-scripts/run_multinomial.sh [--types ungrouped,grouped] [--no-mle]
#       [n,p,multinomial,seed,scenario ...] [-- DIR]
# default: 100000,100,multinomial,1,iid and 100000,100,multinomial,1,toeplitz into
# /tmp/argmax-multinomial, both path types and the MLE. One row alone, e.g. the Toeplitz
# ungrouped path: run_multinomial.sh --types ungrouped --no-mle 100000,100,multinomial,1,toeplitz Needs Rscript with glmnet and jsonlite, /usr/bin/python3 with
# scikit-learn. The same-tolerance rule: argmax's path runs at the largest KKT violation of
# glmnet's answers over the path (relative to the ungrouped lambda_max, as argmax's tolerance is),
# argmax's MLE at the KKT violation of scikit-learn's answer; the summary shows both answers'
# KKT violations and suboptimalities so that the rule can be checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
SPECS=()
DIR=/tmp/argmax-multinomial
TYPES=ungrouped,grouped
MLE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --) DIR="$2"; shift 2 ;;
    --types) TYPES="$2"; shift 2 ;;
    --no-mle) MLE=0; shift ;;
    *) SPECS+=("$1"); shift ;;
  esac
done
[[ ${#SPECS[@]} -gt 0 ]] || SPECS=(100000,100,multinomial,1,iid 100000,100,multinomial,1,toeplitz)
JAR=benchmarks/target/argmax-benchmarks.jar
[[ -f "$JAR" ]] || mvn -B -ntp -q package -DskipTests
mkdir -p "$DIR"
OUT="$DIR/results-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/summary.txt"
for SPEC in "${SPECS[@]}"; do
  IFS=, read -r N P _ SEED SCENARIO <<< "$SPEC"
  META="$(java -cp "$JAR" dev.argmax.bench.problems.Export "$SPEC" "$DIR")"
  ID="$(basename "$META" .json)"
  echo "== $ID" >&2
  COMMON=(-p "scenario=$SCENARIO" -p "n=$N" -p "p=$P" -foe false)
  if [[ $MLE == 1 ]]; then
    /usr/bin/python3 benchmarks/peers-scripts/time_multinomial_sklearn.py "$DIR" "$ID" > "$OUT/$ID.sklearn.json"
    java -Xss4m -cp "$JAR" dev.argmax.bench.MultinomialPeerCheck "$DIR" "$ID" mle 2> /dev/null > "$OUT/$ID.check-mle.json"
    TOL_M="$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['kkt'])" "$OUT/$ID.check-mle.json")"
    java -Xss4m -cp "$JAR" org.openjdk.jmh.Main 'MultinomialBenchmarks.mle' "${COMMON[@]}" -p mleSolver=lbfgs,newton \
      -p "mleTolerance=$TOL_M" -rf json -rff "$OUT/$ID.jmh-mle.json" > "$OUT/$ID.jmh-mle.log" 2>&1
  fi
  Rscript benchmarks/peers-scripts/time_multinomial.R "$DIR" "$ID" 3 "$TYPES" > "$OUT/$ID.glmnet.json"
  for T in ${TYPES//,/ }; do
    java -Xss4m -cp "$JAR" dev.argmax.bench.MultinomialPeerCheck "$DIR" "$ID" "$T" 2> /dev/null > "$OUT/$ID.check-$T.json"
    TOL="$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['max_kkt_relative'])" "$OUT/$ID.check-$T.json")"
    java -Xss4m -cp "$JAR" org.openjdk.jmh.Main 'MultinomialBenchmarks.path' "${COMMON[@]}" -p "type=$T" \
      -p "tolerance=$TOL" -rf json -rff "$OUT/$ID.jmh-$T.json" > "$OUT/$ID.jmh-$T.log" 2>&1
  done
  /usr/bin/python3 - "$OUT" "$ID" "$TYPES" "$MLE" <<'PY' | tee -a "$OUT/summary.txt"
import json, statistics, sys
out, pid, types, with_mle = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4] == "1"
def lines(f):
    return [json.loads(l) for l in open(f"{out}/{f}") if l.strip().startswith("{")]
def results(log):
    tag = "MULTINOMIAL-RESULT "
    return [json.loads(l[l.index(tag) + len(tag):]) for l in open(f"{out}/{log}") if tag in l]
def jmh(f):
    rows = {}
    for r in json.load(open(f"{out}/{f}")):
        raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
        rows[r["params"].get("mleSolver") if r["benchmark"].endswith("mle") else r["params"]["type"]] = statistics.median(raw) / 1000
    return rows
gl = {r["type"]: r for r in lines(f"{pid}.glmnet.json")}
print(f"{pid}:")
if with_mle:
    sk = lines(f"{pid}.sklearn.json")[0]
    skc = lines(f"{pid}.check-mle.json")[0]
    mle = jmh(f"{pid}.jmh-mle.json")
    mres = {r["solver"]: r for r in results(f"{pid}.jmh-mle.log")}
    print(f"  MLE scikit-learn {sk['seconds']:.2f} s ({sk['iterations']} iterations, suboptimality {skc['suboptimality']:.2g}, KKT {skc['kkt']:.2g})")
    for s, t in mle.items():
        r = mres.get(s, {})
        print(f"  argmax {s}: {t:.2f} s (suboptimality {r.get('suboptimality', float('nan')):.2g}, KKT {r.get('kkt', float('nan')):.2g}); ratio scikit-learn / argmax {sk['seconds'] / t:.2f}")
for typ in types:
    chk = lines(f"{pid}.check-{typ}.json")[0]
    t = jmh(f"{pid}.jmh-{typ}.json")[typ]
    r = results(f"{pid}.jmh-{typ}.log")[0]
    print(f"  path {typ}: glmnet {gl[typ]['seconds']:.2f} s (max KKT {chk['max_kkt']:.2g} = {chk['max_kkt_relative']:.2g} relative), "
          f"argmax {t:.2f} s (max KKT {r['max_kkt']:.2g}, tolerance {r['tolerance']:.2g} relative); ratio glmnet / argmax {gl[typ]['seconds'] / t:.2f}")
PY
done
echo "results in $OUT" >&2
