#!/usr/bin/env bash
# Compiles model-training (and wasm-module) and runs one of its main classes: run-java.sh MAIN_CLASS ARGS...
# Used by bin/fetch-corpora, bin/make-evalset, bin/evaluate.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
main="$1"; shift
if [ -z "${HUSH_SKIP_BUILD:-}" ]; then
  (cd "$root" && mvn -B -ntp -q -pl model-training -am compile dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2) \
    || { echo "model-training build failed" >&2; exit 1; }
fi
cp="$root/model-training/target/classes:$root/wasm-module/target/classes:$(cat "$root/model-training/target/classpath.txt")"
exec java -Xmx${HUSH_JAVA_HEAP:-6g} -cp "$cp" "$main" "$@"
