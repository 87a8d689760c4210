#!/usr/bin/env bash
# Issue 15's speed comparison in one command: exports the multinomial problem (K = 5), times
# scikit-learn's MLE and glmnet's multinomial lasso paths on it, measures their answers with
# argmax's KKT violation, then times argmax (JMH MultinomialBenchmarks) at the same tolerances
# and prints a summary with the ratios.
#   benchmarks/peers-scripts/run_multinomial.sh [n,p,multinomial,seed,scenario ...] [-- DIR]
# default: 100000,100,multinomial,1,iid and 100000,100,multinomial,1,toeplitz into
# /tmp/argmax-multinomial. Needs Rscript with glmnet and jsonlite, /usr/bin/python3 with
# scikit-learn. The same-tolerance rule: argmax's path runs at the largest KKT violation of
# glmnet's answers over the path (relative to the ungrouped lambda_max, as argmax's tolerance is),
# argmax's MLE at the KKT violation of scikit-learn's answer; the summary shows both answers'
# KKT violations and suboptimalities so that the rule can be checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
SPECS=()
DIR=/tmp/argmax-multinomial
while [[ $# -gt 0 ]]; do
  if [[ "$1" == "--" ]]; then DIR="$2"; shift 2; else SPECS+=("$1"); shift; fi
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
  /usr/bin/python3 benchmarks/peers-scripts/time_multinomial_sklearn.py "$DIR" "$ID" > "$OUT/$ID.sklearn.json"
  Rscript benchmarks/peers-scripts/time_multinomial.R "$DIR" "$ID" > "$OUT/$ID.glmnet.json"
  for T in ungrouped grouped mle; do
    java -Xss4m -cp "$JAR" dev.argmax.bench.MultinomialPeerCheck "$DIR" "$ID" "$T" 2> /dev/null > "$OUT/$ID.check-$T.json"
  done
  TOL_U="$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['max_kkt_relative'])" "$OUT/$ID.check-ungrouped.json")"
  TOL_G="$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['max_kkt_relative'])" "$OUT/$ID.check-grouped.json")"
  TOL_M="$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['kkt'])" "$OUT/$ID.check-mle.json")"
  COMMON=(-p "scenario=$SCENARIO" -p "n=$N" -p "p=$P" -foe false)
  java -Xss4m -cp "$JAR" org.openjdk.jmh.Main 'MultinomialBenchmarks.mle' "${COMMON[@]}" -p mleSolver=lbfgs,newton \
    -p "mleTolerance=$TOL_M" -rf json -rff "$OUT/$ID.jmh-mle.json" > "$OUT/$ID.jmh-mle.log" 2>&1
  java -Xss4m -cp "$JAR" org.openjdk.jmh.Main 'MultinomialBenchmarks.path' "${COMMON[@]}" -p type=ungrouped \
    -p "tolerance=$TOL_U" -rf json -rff "$OUT/$ID.jmh-ungrouped.json" > "$OUT/$ID.jmh-ungrouped.log" 2>&1
  java -Xss4m -cp "$JAR" org.openjdk.jmh.Main 'MultinomialBenchmarks.path' "${COMMON[@]}" -p type=grouped \
    -p "tolerance=$TOL_G" -rf json -rff "$OUT/$ID.jmh-grouped.json" > "$OUT/$ID.jmh-grouped.log" 2>&1
  /usr/bin/python3 - "$OUT" "$ID" <<'PY' | tee -a "$OUT/summary.txt"
import json, statistics, sys
out, pid = sys.argv[1], sys.argv[2]
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
sk = lines(f"{pid}.sklearn.json")[0]
skc = lines(f"{pid}.check-mle.json")[0]
gl = {r["type"]: r for r in lines(f"{pid}.glmnet.json")}
mle = jmh(f"{pid}.jmh-mle.json")
mres = {r["solver"]: r for r in results(f"{pid}.jmh-mle.log")}
print(f"{pid}: MLE scikit-learn {sk['seconds']:.2f} s ({sk['iterations']} iterations, suboptimality {skc['suboptimality']:.2g}, KKT {skc['kkt']:.2g})")
for s, t in mle.items():
    r = mres.get(s, {})
    print(f"  argmax {s}: {t:.2f} s (suboptimality {r.get('suboptimality', float('nan')):.2g}, KKT {r.get('kkt', float('nan')):.2g}); ratio scikit-learn / argmax {sk['seconds'] / t:.2f}")
for typ in ("ungrouped", "grouped"):
    chk = lines(f"{pid}.check-{typ}.json")[0]
    t = jmh(f"{pid}.jmh-{typ}.json")[typ]
    r = results(f"{pid}.jmh-{typ}.log")[0]
    print(f"  path {typ}: glmnet {gl[typ]['seconds']:.2f} s (max KKT {chk['max_kkt']:.2g} = {chk['max_kkt_relative']:.2g} relative), "
          f"argmax {t:.2f} s (max KKT {r['max_kkt']:.2g}, tolerance {r['tolerance']:.2g} relative); ratio glmnet / argmax {gl[typ]['seconds'] / t:.2f}")
PY
done
echo "results in $OUT" >&2
