package dev.hush.training.data;

import dev.hush.dsp.PercepNet;
import dev.hush.training.audio.WavFile;
import dev.hush.training.corpus.CorpusIndex;
import dev.hush.training.corpus.SourceCatalog;
import dev.hush.training.eval.DesignEvalSet;
import dev.hush.training.eval.MakeEvalSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints each voice's {@link RecordingFloor} spread, as the training loader measures it (after the high-pass), and the
 * minutes a floor threshold keeps: the figures behind {@code bin/train --voice-floor} (docs/data.md).
 *
 * <pre>model-training/run-java.sh dev.hush.training.data.VoiceFloorReport [THRESHOLD_DB]   (default 25)</pre>
 */
public final class VoiceFloorReport {
    private VoiceFloorReport() {
    }

    public static void main(String[] args) throws IOException {
        double threshold = args.length > 0 ? Double.parseDouble(args[0]) : 25;
        Path cache = MakeEvalSet.defaultCache();
        CorpusIndex index = CorpusIndex.read(cache);
        System.out.printf(Locale.ROOT, "| voice | set | utterances | spread p10 / p50 / p90 (dB) | minutes | kept at %.0f dB |%n",
                threshold);
        System.out.println("|---|---|---:|---|---:|---:|");
        for (CorpusIndex.Source s : index.sources()) {
            if (!s.kind().equals("speech")) {
                continue;
            }
            double[] spread = new double[s.files().size()];
            double minutes = 0;
            double kept = 0;
            for (int i = 0; i < spread.length; i++) {
                float[] x = WavFile.read(cache.resolve(s.files().get(i).wav())).samples();
                SpeechHighPass.apply(x, SpeechHighPass.CUTOFF_HZ, PercepNet.SAMPLE_RATE_HZ);
                spread[i] = RecordingFloor.dynamicRangeDb(x);
                double m = x.length / (60.0 * PercepNet.SAMPLE_RATE_HZ);
                minutes += m;
                kept += spread[i] >= threshold ? m : 0;
            }
            Arrays.sort(spread);
            String set = DesignEvalSet.HELD_OUT_SPEECH.contains(s.id()) ? "evaluation"
                    : SourceCatalog.VOICES_140.contains(s.id()) ? "1.4.0"
                    : SourceCatalog.EXTRA_VOICES.contains(s.id()) ? "added" : "unused";
            System.out.printf(Locale.ROOT, "| `%s` | %s | %d | %.1f / %.1f / %.1f | %.1f | %.1f |%n", s.id(), set,
                    spread.length, spread[spread.length / 10], spread[spread.length / 2], spread[spread.length * 9 / 10],
                    minutes, kept);
        }
    }
}
