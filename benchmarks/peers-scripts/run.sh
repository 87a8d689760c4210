#!/usr/bin/env bash
# Exports one synthetic problem and times R (glm, glmnet), scikit-learn and argmax compare on it.
#   benchmarks/peers-scripts/run.sh n,p,family,seed[,scenario] [DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
SPEC="${1:?usage: run.sh n,p,family,seed[,scenario] [DIR]}"
DIR="${2:-/tmp/argmax-peer-scripts}"
JAR=cli/target/argmax.jar
[[ -f "$JAR" ]] || mvn -B -ntp -q package -DskipTests
META="$(java -cp "$JAR" dev.argmax.bench.problems.Export "$SPEC" "$DIR")"
ID="$(basename "$META" .json)"
echo "problem $ID in $DIR" >&2
if command -v Rscript > /dev/null; then Rscript benchmarks/peers-scripts/time_r.R "$DIR" "$ID"; else echo "Rscript missing: skipped" >&2; fi
if /usr/bin/python3 -c 'import sklearn' 2> /dev/null; then /usr/bin/python3 benchmarks/peers-scripts/time_sklearn.py "$DIR" "$ID"; else echo "scikit-learn missing: skipped" >&2; fi
java -Xss4m -jar "$JAR" compare --synthetic "$SPEC" --format text
