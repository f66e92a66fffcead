package dev.hush.training.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * What {@code bin/fetch-corpora} prepared: every source with its files, duration and measured bandwidth.
 * Lives in the cache as {@value #FILE_NAME}; {@link #SUMMARY_FILE_NAME} is the per-source table.
 */
public record CorpusIndex(int version, int sampleRateHz, List<Source> sources) {
    public static final String FILE_NAME = "index.json";
    public static final String SUMMARY_FILE_NAME = "index.csv";
    public static final int VERSION = 1;

    /**
     * @param bandwidthHz          the bandwidth training should trust: speech {@link BandwidthMeter#speechEdgeHz()},
     *                             noise {@link BandwidthMeter#edgeHz()}
     * @param levelEdgeHz          highest band within 60 dB of the loudest ({@link BandwidthMeter#edgeHz()})
     * @param energy99Hz           frequency below which 99 % of the energy lies
     * @param energy999Hz          ... 99.9 %
     * @param energy9999Hz         ... 99.99 %
     * @param clippedFraction      fraction of samples at |x| ≥ 0.999 (a clipped source shows up here)
     * @param silentChannelFiles   stereo files whose quieter channel was > 30 dB down (that channel was dropped)
     * @param ltasDb               long-term average spectrum in 250 Hz bands
     * @param speechOverFloorDb    active-speech minus floor spectrum in 250 Hz bands (speech only)
     */
    public record Source(String id, String kind, String debPackage, String speaker, List<String> licenses,
                         int fileCount, double durationSeconds, double bandwidthHz, double levelEdgeHz,
                         double energy99Hz, double energy999Hz, double energy9999Hz, double clippedFraction,
                         int silentChannelFiles, double[] ltasDb, double[] speechOverFloorDb, List<File> files) {
    }

    /** @param wav path relative to the cache root */
    public record File(String name, String wav, double durationSeconds, String license, String noiseKind) {
    }

    public Source source(String id) {
        for (Source s : sources) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no source '" + id + "' in the corpus index");
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static CorpusIndex read(Path cacheDir) throws IOException {
        Path f = cacheDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no corpus index at " + f + ": run bin/fetch-corpora first (cache dir from HUSH_CACHE)");
        }
        return mapper().readValue(f.toFile(), CorpusIndex.class);
    }

    public void write(Path cacheDir) throws IOException {
        Path tmp = cacheDir.resolve(FILE_NAME + ".tmp");
        mapper().writeValue(tmp.toFile(), this);
        Files.move(tmp, cacheDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(cacheDir.resolve(SUMMARY_FILE_NAME), summaryCsv());
    }

    public String summaryCsv() {
        StringBuilder sb = new StringBuilder(
                "source,kind,package,speaker,files,minutes,bandwidth_hz,level_edge_hz,energy99_hz,energy99.9_hz,energy99.99_hz,clipped_fraction,silent_channel_files,licenses\n");
        for (Source s : sources) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.1f,%.0f,%.0f,%.0f,%.0f,%.0f,%.2e,%d,%s%n",
                    s.id(), s.kind(), s.debPackage(), s.speaker().replace(',', ' '), s.fileCount(),
                    s.durationSeconds() / 60, s.bandwidthHz(), s.levelEdgeHz(), s.energy99Hz(), s.energy999Hz(), s.energy9999Hz(),
                    s.clippedFraction(), s.silentChannelFiles(), String.join(" ", s.licenses())));
        }
        return sb.toString();
    }
}
