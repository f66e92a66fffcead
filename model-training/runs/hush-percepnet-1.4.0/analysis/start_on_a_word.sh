#!/usr/bin/env bash
# Streams that begin on a word: evaluation set v2's clips cut 3 s from their first utterance's onset, denoised
# with and without state priming (bin/denoise --engine jvm / jvm-no-priming), scored over their first
# 0.3 / 0.5 / 1 s by dev.hush.training.eval.StartOnAWord (the project's own SI-SDR).
#   start_on_a_word.sh [MODEL.bin]     (default: the model shipped in this build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
jar="$root/wasm-module/target/hush-denoise.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -ntp -DskipTests package ($jar is missing)" >&2; exit 1; }
model=()
[ $# -ge 1 ] && model=(--model "$(realpath "$1")")
work=${WORK:-/tmp/hush-start-on-a-word}
"$root/model-training/run-java.sh" dev.hush.training.eval.StartOnAWord cut "$work"
cd "$work"
for f in *-noisy.wav; do
  b=${f%-noisy.wav}
  java -jar "$jar" --quiet --engine jvm "${model[@]}" "$f" "$b-primed.wav"
  java -jar "$jar" --quiet --engine jvm-no-priming "${model[@]}" "$f" "$b-unprimed.wav"
done
"$root/model-training/run-java.sh" dev.hush.training.eval.StartOnAWord score "$work" unprimed primed
