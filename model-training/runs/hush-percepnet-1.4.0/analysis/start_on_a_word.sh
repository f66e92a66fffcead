#!/usr/bin/env bash
# Streams that begin on a word: evaluation set v2's clips cut 3 s from their first utterance's onset, run through
# a denoiser jar with and without state priming, scored over their first 0.3 / 0.5 / 1 s (start_on_a_word_score.py).
#   start_on_a_word.sh VARIANT.jar MODEL.bin     (VARIANT.jar: wasm-module built with the priming constants read
#   from the hush.primeExtra / hush.primeFrames system properties, see ../README.md)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar=$1; model=$2; work=${WORK:-/tmp/hush-start-on-a-word}
mkdir -p "$work"
python3 "$here/start_on_a_word_cut.py" "$work"
cd "$work"
for f in *-noisy.wav; do
  b=${f%-noisy.wav}
  java -Dhush.primeExtra=30 -jar "$jar" --quiet --model "$model" "$f" "$b-p30.wav"
  java -Dhush.primeExtra=0 -jar "$jar" --quiet --model "$model" "$f" "$b-p0.wav"
done
python3 "$here/start_on_a_word_score.py" "$work" p0 p30
