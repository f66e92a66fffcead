package dev.hush.training.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which files of which Debian packages become corpora, and the traps handled on the way
 * (see /work/shared/notes/data-sources.md and docs/data.md).
 */
public final class SourceCatalog {
    public static final String TUXPAINT = "tuxpaint-stamps-default";
    public static final String STK = "supertuxkart-data";
    public static final String MEGAGLEST = "megaglest-data";
    public static final List<String> ASTERISK_VOICES = List.of("en", "fr", "ru", "es", "it");
    public static final String ASTERISK_MENARDI = "asterisk-prompt-it-menardi-wav";
    public static final String KTUBERLING = "ktuberling-data";

    /**
     * KTuberling's spoken words, one volunteer per language, 1–4.5 minutes each. Left out: the languages of the
     * evaluation set's held-out voices (da, lt, nl, and ru for asterisk-ru), since one volunteer may have recorded
     * both programs; sl, hard-clipped (0.44 % of its samples at full scale, measured by bin/fetch-corpora); and the
     * languages with about a dozen words.
     */
    public static final List<String> KTUBERLING_LANGUAGES = List.of("ca", "de", "el", "en", "fr", "gl", "nn", "uk", "wa");

    /**
     * Voices added after hush-percepnet 1.4.0, used only by {@code bin/train --more-voices}: without the option the
     * training corpus is exactly 1.4.0's, so its recipe stays reproducible. asterisk-it is a man (Carlo), the first
     * of the Asterisk voices; asterisk-it-menardi a woman at 8 kHz.
     */
    public static final List<String> EXTRA_VOICES;
    /** The voices hush-percepnet 1.4.0 was trained and evaluated with (the evaluation set holds some of them out). */
    public static final List<String> VOICES_140;

    /** The noise sources hush-percepnet 1.4.0 was trained and evaluated with. */
    public static final List<String> NOISES_140 = List.of("stk-noise", "megaglest-noise");
    /**
     * Noise added after 1.4.0 ({@link ExtraNoiseCatalog}: five more Debian packages), used only by
     * {@code bin/train --more-noise}.
     */
    public static final List<String> EXTRA_NOISES = ExtraNoiseCatalog.ids();

    /** Languages recorded for Tux Paint's stamp descriptions, one volunteer each. "es" is excluded: hard-clipped. */
    public static final List<String> TUXPAINT_LANGUAGES = List.of("fr", "ru", "be", "bg", "ro", "el", "ca", "da", "lt", "nl");

    static {
        List<String> extra = new ArrayList<>(List.of("asterisk-it", "asterisk-it-menardi"));
        for (String lang : KTUBERLING_LANGUAGES) {
            extra.add("ktuberling-" + lang);
        }
        EXTRA_VOICES = List.copyOf(extra);
        List<String> voices = new ArrayList<>();
        TUXPAINT_LANGUAGES.forEach(lang -> voices.add("tuxpaint-" + lang));
        ASTERISK_VOICES.forEach(voice -> voices.add("asterisk-" + voice));
        voices.removeAll(EXTRA_VOICES);
        VOICES_140 = List.copyOf(voices);
    }

    /**
     * SuperTuxKart sounds that are continuous noise a call could pick up, with a coarse kind.
     * Music, speech (nolok_speech) and short game effects are left out.
     */
    static final Map<String, String> STK_NOISE = new LinkedHashMap<>();

    static {
        STK_NOISE.put("data/sfx/lenautile_restaurant.ogg", "babble");
        STK_NOISE.put("data/sfx/sara_airport_pa.ogg", "babble");
        STK_NOISE.put("data/sfx/static-radio.ogg", "static");
        STK_NOISE.put("data/sfx/river_loop.ogg", "water");
        STK_NOISE.put("data/sfx/waterfall_loop_2.ogg", "water");
        STK_NOISE.put("data/sfx/rain.ogg", "rain");
        STK_NOISE.put("data/sfx/thunder.ogg", "rain");
        STK_NOISE.put("data/sfx/exotic-birds.ogg", "nature");
        STK_NOISE.put("data/sfx/exotic-birds_2.ogg", "nature");
        STK_NOISE.put("data/tracks/scotland/sheep.ogg", "nature");
        STK_NOISE.put("data/sfx/airplane_jetEngine.ogg", "engine");
        STK_NOISE.put("data/sfx/engine_small.ogg", "engine");
        STK_NOISE.put("data/sfx/engine_large.ogg", "engine");
        STK_NOISE.put("data/sfx/car_accel.ogg", "engine");
        STK_NOISE.put("data/sfx/spaceship.ogg", "machine");
        STK_NOISE.put("data/sfx/machine_sound.ogg", "machine");
        STK_NOISE.put("data/sfx/tractor_beam.ogg", "machine");
        STK_NOISE.put("data/tracks/introcutscene/spaceship_engine.ogg", "machine");
        STK_NOISE.put("data/library/stklib_steamLocomotive_a/steamLocomotive.ogg", "engine");
        STK_NOISE.put("data/sfx/clock.ogg", "clicks");
        STK_NOISE.put("data/sfx/fireworks_show.ogg", "impulsive");
        STK_NOISE.put("data/sfx/bowling_roll.ogg", "impulsive");
    }

    private SourceCatalog() {
    }

    /** Finds every source's files in {@code pkgsDir}/&lt;package&gt;/ (the dpkg -x output). */
    public static List<CorpusSource> discover(Path pkgsDir) throws IOException {
        List<CorpusSource> out = new ArrayList<>();
        Path tux = requirePackage(pkgsDir, TUXPAINT);
        DebianCopyright tuxCopyright = copyright(tux, TUXPAINT);
        for (String lang : TUXPAINT_LANGUAGES) {
            String suffix = "_desc_" + lang + ".ogg";
            List<CorpusSource.SourceFile> files = new ArrayList<>();
            for (Path f : list(tux.resolve("usr/share/tuxpaint/stamps"))) {
                String n = f.getFileName().toString();
                if (n.endsWith(suffix)) {
                    String rel = tux.relativize(f).toString();
                    String stem = tux.resolve("usr/share/tuxpaint/stamps").relativize(f).toString();
                    files.add(new CorpusSource.SourceFile(rel, stem.substring(0, stem.length() - 4),
                            tuxCopyright.licenseOf(stem), null));
                }
            }
            out.add(new CorpusSource("tuxpaint-" + lang, CorpusSource.Kind.SPEECH, TUXPAINT,
                    "Tux Paint volunteer (" + lang + ")", null, files));
        }
        for (String voice : ASTERISK_VOICES) {
            String pkg = "asterisk-core-sounds-" + voice + "-g722";
            Path root = requirePackage(pkgsDir, pkg);
            DebianCopyright cr = copyright(root, pkg);
            Path soundsDir = root.resolve("usr/share/asterisk/sounds");
            List<Path> all = list(soundsDir);
            List<CorpusSource.SourceFile> files = new ArrayList<>();
            String speaker = null;
            for (Path f : all) {
                if (f.getFileName().toString().endsWith(".g722")) {
                    Path rel = soundsDir.relativize(f);
                    speaker = rel.getName(0).toString();
                    String stem = rel.subpath(1, rel.getNameCount()).toString();
                    files.add(new CorpusSource.SourceFile(root.relativize(f).toString(),
                            stem.substring(0, stem.length() - 5), cr.licenseOf(stem), null));
                }
            }
            out.add(new CorpusSource("asterisk-" + voice, CorpusSource.Kind.SPEECH, pkg,
                    speaker == null ? "?" : speaker, "g722", files));
        }
        out.add(menardi(pkgsDir));
        out.addAll(ktuberling(pkgsDir));
        Path stk = requirePackage(pkgsDir, STK);
        Path stkData = stk.resolve("usr/share/games/supertuxkart");
        DebianCopyright stkCopyright = copyright(stk, STK);
        List<CorpusSource.SourceFile> stkFiles = new ArrayList<>();
        // Identical files recur across tilesets and even across packages (MegaGlest's forest rain is SuperTuxKart's
        // rain.ogg): keep one copy so a train/eval split by file cannot leak.
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> e : STK_NOISE.entrySet()) {
            Path f = stkData.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                throw new IOException("expected " + f + " in " + STK + " (package version changed?)");
            }
            seen.add(sha1(f));
            String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1).replace(".ogg", "");
            stkFiles.add(new CorpusSource.SourceFile(stk.relativize(f).toString(), name,
                    stkCopyright.licenseOf(e.getKey()), e.getValue()));
        }
        out.add(new CorpusSource("stk-noise", CorpusSource.Kind.NOISE, STK, "SuperTuxKart sound effects", null, stkFiles));

        Path mg = requirePackage(pkgsDir, MEGAGLEST);
        DebianCopyright mgCopyright = copyright(mg, MEGAGLEST);
        Path tilesets = mg.resolve("usr/share/games/megaglest/tilesets");
        List<CorpusSource.SourceFile> mgFiles = new ArrayList<>();
        for (Path f : list(tilesets)) {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!f.getParent().getFileName().toString().equals("sounds") || !(n.endsWith(".ogg") || n.endsWith(".wav"))) {
                continue;
            }
            if (!seen.add(sha1(f))) {
                continue;
            }
            Path rel = tilesets.relativize(f);
            String name = rel.getName(0) + "-" + n.substring(0, n.lastIndexOf('.'));
            mgFiles.add(new CorpusSource.SourceFile(mg.relativize(f).toString(), name,
                    mgCopyright.licenseOf("tilesets/" + rel), megaglestKind(n)));
        }
        out.add(new CorpusSource("megaglest-noise", CorpusSource.Kind.NOISE, MEGAGLEST, "MegaGlest tileset ambiences", null, mgFiles));
        out.addAll(ExtraNoiseCatalog.discover(pkgsDir, seen));
        return out;
    }

    /** Marco Menardi's Italian prompts, in the voice of Paola Dal Zot; its "silence" folder holds no speech. */
    private static CorpusSource menardi(Path pkgsDir) throws IOException {
        Path root = requirePackage(pkgsDir, ASTERISK_MENARDI);
        DebianCopyright cr = copyright(root, ASTERISK_MENARDI);
        Path voiceDir = root.resolve("usr/share/asterisk/sounds/it_IT_f_Menardi");
        List<CorpusSource.SourceFile> files = new ArrayList<>();
        for (Path f : list(voiceDir)) {
            Path rel = voiceDir.relativize(f);
            String n = rel.toString();
            if (n.endsWith(".wav") && !rel.getName(0).toString().equals("silence")) {
                files.add(new CorpusSource.SourceFile(root.relativize(f).toString(), n.substring(0, n.length() - 4),
                        cr.licenseOf(n), null));
            }
        }
        return new CorpusSource("asterisk-it-menardi", CorpusSource.Kind.SPEECH, ASTERISK_MENARDI, "it_IT_f_Menardi",
                null, files);
    }

    /** One source per language folder of KTuberling's sounds (Ogg Vorbis, Opus or WAV; ffmpeg tells them apart). */
    private static List<CorpusSource> ktuberling(Path pkgsDir) throws IOException {
        Path root = requirePackage(pkgsDir, KTUBERLING);
        DebianCopyright cr = copyright(root, KTUBERLING);
        List<CorpusSource> out = new ArrayList<>();
        for (String lang : KTUBERLING_LANGUAGES) {
            Path dir = root.resolve("usr/share/ktuberling/sounds").resolve(lang);
            if (!Files.isDirectory(dir)) {
                throw new IOException("expected " + dir + " in " + KTUBERLING + " (package version changed?)");
            }
            List<CorpusSource.SourceFile> files = new ArrayList<>();
            for (Path f : list(dir)) {
                String n = f.getFileName().toString();
                int dot = n.lastIndexOf('.');
                String ext = dot < 0 ? "" : n.substring(dot + 1);
                if (ext.equals("ogg") || ext.equals("opus") || ext.equals("wav")) {
                    files.add(new CorpusSource.SourceFile(root.relativize(f).toString(), n.substring(0, dot),
                            cr.licenseOf("sounds/" + lang + "/" + n), null));
                }
            }
            out.add(new CorpusSource("ktuberling-" + lang, CorpusSource.Kind.SPEECH, KTUBERLING,
                    "KTuberling volunteer (" + lang + ")", null, files));
        }
        return out;
    }

    static String megaglestKind(String fileName) {
        if (fileName.contains("rain")) {
            return "rain";
        }
        if (fileName.contains("wind")) {
            return "wind";
        }
        if (fileName.contains("hell")) {
            return "machine";
        }
        return "nature";
    }

    static Path requirePackage(Path pkgsDir, String pkg) throws IOException {
        Path p = pkgsDir.resolve(pkg);
        if (!Files.isDirectory(p)) {
            throw new IOException("package " + pkg + " is not extracted in " + pkgsDir + " (run bin/fetch-corpora)");
        }
        return p;
    }

    static DebianCopyright copyright(Path root, String pkg) throws IOException {
        return DebianCopyright.read(root.resolve("usr/share/doc/" + pkg + "/copyright"));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static String sha1(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
