package dev.hush.training.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real background noise added after hush-percepnet 1.4.0 (1.4.0 had 43 files, 17.7 min, from two games), used only by
 * {@code bin/train --more-noise}. Chosen from a survey of Debian's game data (docs/noise-survey.md): continuous
 * ambiences of at least a few seconds, at 22–48 kHz, free licences; no music, no speech, no UI sounds, no synthetic
 * drones. Every file is named with a coarse kind, as the first two games' are.
 *
 * <p>Two packages keep their sounds inside a zip (0 A.D.'s {@code public.zip}, UFO: AI's {@code 0snd.pk3}); the listed
 * entries are unpacked next to it, into {@code <container>.d/}, once.
 */
final class ExtraNoiseCatalog {
    static final String ZERO_AD = "0ad-data";
    static final String UFOAI = "ufoai-sound";
    static final String RED_ECLIPSE = "redeclipse-data";
    static final String FLARE = "flare-game";
    static final String POMODORO = "gnome-shell-pomodoro-data";

    /** The packages, in the order {@code bin/fetch-corpora} lists them. */
    static final List<String> PACKAGES = List.of(ZERO_AD, UFOAI, RED_ECLIPSE, FLARE, POMODORO);

    /**
     * One collection: its files ({@code files}: path without ".ogg" → kind) sit in {@code dir} of the package, or, when
     * {@code container} is set, {@code dir} is a zip and they are its entries {@code container + path + ".ogg"}.
     */
    record Collection(String id, String debPackage, String description, String dir, String container,
                              Function<String, String> copyrightPath, Map<String, String> files) {
    }

    private ExtraNoiseCatalog() {
    }

    /** The source ids this catalog adds, for {@link SourceCatalog#EXTRA_NOISES}. */
    static List<String> ids() {
        return collections().stream().map(Collection::id).toList();
    }

    static List<Collection> collections() {
        Map<String, String> zeroAd = new LinkedHashMap<>();
        for (String f : List.of("amb_farm_10", "amb_farm_11", "amb_farm_12", "amb_farm_13", "amb_farm_20")) {
            zeroAd.put("building/" + f, "nature");
        }
        for (String f : List.of("amb_port_10", "amb_port_11", "amb_port_12", "amb_port_20", "amb_port_21",
                "amb_trade_10", "amb_trade_11", "amb_trade_12", "amb_trade_13", "amb_trade_20")) {
            zeroAd.put("building/" + f, "babble");
        }
        // day_temperate_gen_0[1-3] are left out: −65 dBFS of sparse chirps over near-silence, generated.
        for (String f : List.of("day_temperate_11", "day_temperate_12", "day_temperate_13", "day_temperate_14",
                "day_tropical_10", "day_tropical_11")) {
            zeroAd.put("dayscape/" + f, "nature");
        }
        for (String f : List.of("rain_11", "rain_12", "thunder_10", "thunder_11")) {
            zeroAd.put("weather/" + f, "rain");
        }
        // snowstorm_11 is left out: the same length and nearly the same bytes as wind_11, one recording twice.
        for (String f : List.of("wind_11", "windstorm_11", "windgust_11", "windleaves_10", "windleaves_11")) {
            zeroAd.put("weather/" + f, "wind");
        }
        for (String f : List.of("river_fast_21", "river_med_21", "river_raging_21", "river_slow_21", "waterfall_31",
                "wave_21", "wavecrash_21", "waverocky_21")) {
            zeroAd.put("water/" + f, "water");
        }

        Map<String, String> ufoai = new LinkedHashMap<>();
        // Left out: radiomessage and tv_newswav (speech), disco and jingle* (music), alien*, engine_alien*,
        // sand-city and droning_* (synthetic or 8 kHz).
        ufoai.put("ambience/cricket_loop", "nature");
        ufoai.put("ambience/ufo_night_atm", "nature");
        for (String f : List.of("fire", "fire03", "fire04", "fire05", "fire1", "fire2", "firesoft", "smallfire")) {
            ufoai.put("ambience/" + f, "fire");
        }
        for (String f : List.of("hum", "machine1", "minepump03", "sparks", "steam", "wind_turbine")) {
            ufoai.put("ambience/" + f, "machine");
        }
        ufoai.put("ugv/diesel-idle", "engine");
        ufoai.put("ugv/diesel-move", "engine");
        ufoai.put("ambience/city_abnd_ufoai_atm", "urban");
        ufoai.put("ambience/tv_static", "static");
        for (String f : List.of("thunder1", "thunder2", "thunder3")) {
            ufoai.put("ambience/" + f, "rain");
        }
        for (String f : List.of("water", "water01", "waterfontain")) {
            ufoai.put("ambience/" + f, "water");
        }
        ufoai.put("ambience/arcticwind", "wind");

        Map<String, String> redEclipse = new LinkedHashMap<>();
        for (String f : List.of("cycadas", "forest1", "forest2", "forest3", "nightcrickets")) {
            redEclipse.put(f, "nature");
        }
        redEclipse.put("fire", "fire");
        for (String f : List.of("machine11", "machine13", "machine14", "machine5", "machine6", "machine7")) {
            redEclipse.put("morph/" + f, "machine");
        }
        for (String f : List.of("lava1", "lavarumble1", "lavarumble2")) {
            redEclipse.put(f, "machine");
        }
        for (String f : List.of("rain", "stormbolts", "stormrain")) {
            redEclipse.put("morph/" + f, "rain");
        }
        redEclipse.put("distant_cars", "traffic");
        // waterfall1 is byte for byte waterfall; waterfall3 is 0 A.D.'s waterfall_31 again (same source and length).
        for (String f : List.of("cavedrip", "creek", "river", "water", "waterfall", "waterfall2", "waterfall_deep",
                "waterfall_huge", "waterfall_indoor", "waterfall_medium")) {
            redEclipse.put(f, "water");
        }
        for (String f : List.of("alienwind", "blowwind", "dizzywind", "hollowwind", "wastewind", "wind")) {
            redEclipse.put(f, "wind");
        }
        redEclipse.put("morph/stormwind", "wind");
        redEclipse.put("morph/wind1", "wind");
        redEclipse.put("morph/wind2", "wind");

        Map<String, String> flare = new LinkedHashMap<>();
        String env = "fantasycore/soundfx/environment/";
        flare.put(env + "bird_twitter_loop", "nature");
        flare.put(env + "forest_owl_loop", "nature");
        flare.put(env + "raven_loop", "nature");
        flare.put(env + "open_fire", "fire");
        flare.put(env + "anvil_loop", "machine");
        flare.put("empyrean_campaign/soundfx/environment/rain", "rain");
        flare.put(env + "cave_droplets_loop", "water");
        flare.put(env + "river_loop", "water");
        // In music/, but a recording of wind, not music; every other file there is music.
        flare.put("fantasycore/music/wind_ambient", "wind");
        flare.put(env + "cave_wind_loop", "wind");
        flare.put(env + "wind_loop", "wind");

        Map<String, String> pomodoro = new LinkedHashMap<>();
        pomodoro.put("birds", "nature");
        pomodoro.put("clock", "clicks");

        return List.of(
                new Collection("0ad-noise", ZERO_AD, "0 A.D. ambiences", "usr/share/games/0ad/mods/public/public.zip",
                        "audio/ambient/", entry -> "binaries/data/mods/public/" + entry, zeroAd),
                new Collection("ufoai-noise", UFOAI, "UFO: Alien Invasion ambiences", "usr/share/games/ufoai/base/0snd.pk3",
                        "sound/", entry -> "base/" + entry, ufoai),
                new Collection("redeclipse-noise", RED_ECLIPSE, "Red Eclipse ambiences",
                        "usr/share/games/redeclipse/data/sounds/ambience", null, path -> "data/sounds/ambience/" + path, redEclipse),
                new Collection("flare-noise", FLARE, "Flare ambiences", "usr/share/games/flare/mods", null,
                        path -> "mods/" + path, flare),
                new Collection("pomodoro-noise", POMODORO, "GNOME Pomodoro background sounds",
                        "usr/share/gnome-pomodoro/sounds", null, path -> "data/sounds/" + path, pomodoro));
    }

    /**
     * The collections' files in {@code pkgsDir}/&lt;package&gt;/, packed ones unpacked first. A file whose bytes
     * are already in {@code seenSha1} (from another source) is skipped, so a split by file cannot leak.
     */
    static List<CorpusSource> discover(Path pkgsDir, Set<String> seenSha1) throws IOException {
        List<CorpusSource> out = new ArrayList<>();
        for (Collection c : collections()) {
            Path root = SourceCatalog.requirePackage(pkgsDir, c.debPackage());
            DebianCopyright copyright = SourceCatalog.copyright(root, c.debPackage());
            List<String> keys = List.copyOf(c.files().keySet());
            List<String> paths = keys.stream()
                    .map(f -> c.container() == null ? f + ".ogg" : c.container() + f + ".ogg").toList();
            List<Path> found = c.container() == null
                    ? paths.stream().map(p -> root.resolve(c.dir()).resolve(p)).toList()
                    : unpack(root.resolve(c.dir()), paths);
            List<CorpusSource.SourceFile> files = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Path f = found.get(i);
                String copyrightPath = c.copyrightPath().apply(paths.get(i));
                if (!Files.isRegularFile(f)) {
                    throw new IOException("expected " + f + " in " + c.debPackage() + " (package version changed?)");
                }
                if (!seenSha1.add(SourceCatalog.sha1(f))) {
                    continue;
                }
                String name = keys.get(i).replace('/', '-');
                files.add(new CorpusSource.SourceFile(root.relativize(f).toString(), name,
                        copyright.licenseOf(copyrightPath), c.files().get(keys.get(i))));
            }
            out.add(new CorpusSource(c.id(), CorpusSource.Kind.NOISE, c.debPackage(), c.description(), null, files));
        }
        return out;
    }

    /**
     * The {@code entries} of the zip {@code container}, unpacked to {@code <container>.d/<entry>} unless already
     * there; the zip (0 A.D.'s is 3.3 GB) is opened once, and only if something is missing. Each file is written to a
     * temporary name first, so an interrupted run never leaves half a file that looks done.
     */
    static List<Path> unpack(Path container, List<String> entries) throws IOException {
        Path dir = container.resolveSibling(container.getFileName() + ".d");
        List<Path> out = entries.stream().map(dir::resolve).toList();
        if (out.stream().allMatch(Files::isRegularFile)) {
            return out;
        }
        if (!Files.isRegularFile(container)) {
            throw new IOException("expected the archive " + container + " (package version changed?)");
        }
        try (ZipFile zip = new ZipFile(container.toFile())) {
            for (int i = 0; i < entries.size(); i++) {
                Path target = out.get(i);
                if (Files.isRegularFile(target)) {
                    continue;
                }
                ZipEntry z = zip.getEntry(entries.get(i));
                if (z == null) {
                    throw new IOException("expected " + entries.get(i) + " inside " + container + " (package version changed?)");
                }
                Files.createDirectories(target.getParent());
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                try (InputStream in = zip.getInputStream(z)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return out;
    }
}
