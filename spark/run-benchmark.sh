#!/usr/bin/env bash
# Times argmax on Spark against Spark MLlib (LogisticRegression, GeneralizedLinearRegression) on the same
# cached synthetic data in one local[2] session: spark/run-benchmark.sh [n] [p]   (default 1000000 50)
set -euo pipefail
cd "$(dirname "$0")/.."
# the reactor resolves argmax's own modules to their target/classes; the spark module (built last) writes the file last
mvn -B -ntp -q -pl spark -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/spark/target/test.classpath"
CP="spark/target/test-classes:spark/target/classes:$(cat spark/target/test.classpath)"
exec java -Xss4m -Xmx12g \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  -Dlog4j2.configurationFile=spark/src/test/resources/log4j2-test.properties \
  -cp "$CP" dev.argmax.spark.bench.SparkLogisticBenchmark "$@"
