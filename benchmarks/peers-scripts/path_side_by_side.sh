#!/usr/bin/env bash
# argmax's lasso path and glmnet's side by side, at the same lambdas and the same KKT violation:
#   benchmarks/peers-scripts/path_side_by_side.sh [n,p,family,seed[,scenario]] [DIR]
# (default 100000,100,binomial,1,iid, the issue's binomial path). Exports the problem, writes
# argmax's 100 lambdas, runs glmnet_path.R (glmnet's own sequence and argmax's lambdas), then
# dev.argmax.bench.PathSideBySide: the KKT violation of each glmnet answer by argmax's definition,
# and argmax's path on the same lambdas stopped at glmnet's largest violation. JSON lines on stdout,
# the machine's load (uptime) on stderr before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
SPEC="${1:-100000,100,binomial,1,iid}"
DIR="${2:-/tmp/argmax-path-side-by-side}"
JAR=benchmarks/target/argmax-benchmarks.jar
[[ -f "$JAR" ]] || mvn -B -ntp -q package -DskipTests
META="$(java -cp "$JAR" dev.argmax.bench.problems.Export "$SPEC" "$DIR")"
ID="$(basename "$META" .json)"
JAVA=(java -Xss4m -Xmx6g -cp "$JAR")
uptime >&2
"${JAVA[@]}" dev.argmax.bench.PathSideBySide lambdas "$DIR" "$ID" "$DIR/$ID.lambdas.txt"
Rscript benchmarks/peers-scripts/glmnet_path.R "$DIR" "$ID" "$DIR/$ID.lambdas.txt" "$DIR/$ID-fits"
"${JAVA[@]}" dev.argmax.bench.PathSideBySide compare "$DIR" "$ID" "$DIR/$ID-fits/glmnet-lambdas" \
  "$DIR/$ID-fits/glmnet-default"
uptime >&2
