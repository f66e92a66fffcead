package dev.hush.training.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Source discovery over a fake tree shaped like the extracted packages (empty files, real paths). */
class SourceCatalogTest {
    @TempDir
    Path pkgs;

    private void touch(String pkg, String path) throws IOException {
        Path f = pkgs.resolve(pkg).resolve(path);
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[0]);
    }

    private void copyright(String pkg, String license) throws IOException {
        Path f = pkgs.resolve(pkg).resolve("usr/share/doc/" + pkg + "/copyright");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
                + "Files: *\nCopyright: someone\nLicense: " + license + "\n");
    }

    private void fakeTree() throws IOException {
        copyright(SourceCatalog.TUXPAINT, "GPL-2");
        for (String lang : SourceCatalog.TUXPAINT_LANGUAGES) {
            touch(SourceCatalog.TUXPAINT, "usr/share/tuxpaint/stamps/animals/cat_desc_" + lang + ".ogg");
        }
        for (String voice : SourceCatalog.ASTERISK_VOICES) {
            String pkg = "asterisk-core-sounds-" + voice + "-g722";
            copyright(pkg, "CC-BY-SA-3.0");
            touch(pkg, "usr/share/asterisk/sounds/" + voice + "_XX_f_Voice/digits/1.g722");
        }
        copyright(SourceCatalog.ASTERISK_MENARDI, "CC-SA-BY-3.0");
        touch(SourceCatalog.ASTERISK_MENARDI, "usr/share/asterisk/sounds/it_IT_f_Menardi/added.wav");
        touch(SourceCatalog.ASTERISK_MENARDI, "usr/share/asterisk/sounds/it_IT_f_Menardi/digits/1.wav");
        touch(SourceCatalog.ASTERISK_MENARDI, "usr/share/asterisk/sounds/it_IT_f_Menardi/silence/1.wav");
        touch(SourceCatalog.ASTERISK_MENARDI, "usr/share/asterisk/sounds/it_IT_f_Menardi/README.txt");
        copyright(SourceCatalog.KTUBERLING, "GPL-2+");
        for (String lang : List.of("ca", "de", "el", "en", "fr", "gl", "nn", "uk", "wa", "da", "sl")) {
            String ext = lang.equals("nn") ? "opus" : lang.equals("fr") ? "wav" : "ogg";
            touch(SourceCatalog.KTUBERLING, "usr/share/ktuberling/sounds/" + lang + "/hat." + ext);
            touch(SourceCatalog.KTUBERLING, "usr/share/ktuberling/sounds/" + lang + "/nose." + ext);
        }
        touch(SourceCatalog.KTUBERLING, "usr/share/ktuberling/sounds/de/readme.txt");
        copyright(SourceCatalog.STK, "CC-BY-SA-3.0");
        int i = 0;
        for (String f : SourceCatalog.STK_NOISE.keySet()) {
            // Distinct contents: the noise files are de-duplicated by hash.
            Path p = pkgs.resolve(SourceCatalog.STK).resolve("usr/share/games/supertuxkart").resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "stk" + i++);
        }
        copyright(SourceCatalog.MEGAGLEST, "CC-BY-SA-3.0");
        Path mg = pkgs.resolve(SourceCatalog.MEGAGLEST).resolve("usr/share/games/megaglest/tilesets/forest/sounds/rain.ogg");
        Files.createDirectories(mg.getParent());
        Files.writeString(mg, "mg");
        extraNoiseTree();
    }

    /** The added noise packages: plain files, or entries of a zip where the package packs them. */
    private void extraNoiseTree() throws IOException {
        int i = 0;
        for (ExtraNoiseCatalog.Collection c : ExtraNoiseCatalog.collections()) {
            copyright(c.debPackage(), "CC-BY-SA-3.0");
            Path dir = pkgs.resolve(c.debPackage()).resolve(c.dir());
            if (c.container() == null) {
                for (String f : c.files().keySet()) {
                    Path p = dir.resolve(f + ".ogg");
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, "extra" + i++);
                }
            } else {
                Files.createDirectories(dir.getParent());
                try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(dir))) {
                    for (String f : c.files().keySet()) {
                        zip.putNextEntry(new java.util.zip.ZipEntry(c.container() + f + ".ogg"));
                        zip.write(("extra" + i++).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        zip.closeEntry();
                    }
                    zip.putNextEntry(new java.util.zip.ZipEntry(c.container() + "music/theme.ogg"));
                    zip.closeEntry();
                }
            }
        }
    }

    @Test
    void theNoiseAddedAfter140IsFoundUnpackedAndDeduplicated() throws IOException {
        fakeTree();
        // A byte-for-byte copy of a SuperTuxKart file in an added package is kept once, under SuperTuxKart.
        Path copy = pkgs.resolve(ExtraNoiseCatalog.RED_ECLIPSE).resolve("usr/share/games/redeclipse/data/sounds/ambience/creek.ogg");
        Files.writeString(copy, "stk0");
        Map<String, CorpusSource> sources = SourceCatalog.discover(pkgs).stream()
                .collect(Collectors.toMap(CorpusSource::id, s -> s));
        assertEquals(SourceCatalog.EXTRA_NOISES.size(), ExtraNoiseCatalog.PACKAGES.size());
        for (String id : SourceCatalog.EXTRA_NOISES) {
            assertEquals(CorpusSource.Kind.NOISE, sources.get(id).kind(), id);
            for (CorpusSource.SourceFile f : sources.get(id).files()) {
                assertTrue(f.noiseKind() != null && !f.noiseKind().isEmpty(), f.name() + " has a kind");
                assertTrue(Files.isRegularFile(pkgs.resolve(sources.get(id).debPackage()).resolve(f.packagePath())),
                        f.packagePath() + " exists");
                assertEquals("CC-BY-SA-3.0", f.license());
            }
        }
        CorpusSource zeroAd = sources.get("0ad-noise");
        CorpusSource.SourceFile rain = zeroAd.files().stream().filter(f -> f.name().equals("weather-rain_11")).findFirst().orElseThrow();
        assertEquals("usr/share/games/0ad/mods/public/public.zip.d/audio/ambient/weather/rain_11.ogg", rain.packagePath());
        assertEquals("rain", rain.noiseKind());
        assertTrue(zeroAd.files().stream().noneMatch(f -> f.name().contains("music")), "only listed entries are unpacked");
        assertFalse(Files.exists(pkgs.resolve(ExtraNoiseCatalog.ZERO_AD).resolve("usr/share/games/0ad/mods/public/public.zip.d/audio/ambient/music")));
        assertTrue(sources.get("redeclipse-noise").files().stream().noneMatch(f -> f.name().equals("creek")), "the copy is dropped");
        int listed = 0;
        for (ExtraNoiseCatalog.Collection c : ExtraNoiseCatalog.collections()) {
            listed += c.files().size();
        }
        int found = SourceCatalog.EXTRA_NOISES.stream().mapToInt(id -> sources.get(id).files().size()).sum();
        assertEquals(listed - 1, found);

        // A second discovery reuses what the first unpacked and finds the same files.
        assertEquals(zeroAd.files(), SourceCatalog.discover(pkgs).stream().filter(s -> s.id().equals("0ad-noise"))
                .findFirst().orElseThrow().files());
    }

    @Test
    void aMissingZipEntryIsAClearError() throws IOException {
        fakeTree();
        Path pk3 = pkgs.resolve(ExtraNoiseCatalog.UFOAI).resolve("usr/share/games/ufoai/base/0snd.pk3");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(pk3))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("sound/ambience/fire.ogg"));
            zip.closeEntry();
        }
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> SourceCatalog.discover(pkgs));
        assertTrue(e.getMessage().contains("inside") && e.getMessage().contains("0snd.pk3"), e.getMessage());
    }

    @Test
    void theVoicesAddedAfter140AreFoundWithTheirFormatsAndLicences() throws IOException {
        fakeTree();
        Map<String, CorpusSource> sources = SourceCatalog.discover(pkgs).stream()
                .collect(Collectors.toMap(CorpusSource::id, s -> s));
        for (String id : SourceCatalog.EXTRA_VOICES) {
            assertTrue(sources.containsKey(id), id + " discovered");
            assertEquals(CorpusSource.Kind.SPEECH, sources.get(id).kind());
        }
        java.util.Set<String> named = new java.util.HashSet<>(SourceCatalog.VOICES_140);
        named.addAll(SourceCatalog.EXTRA_VOICES);
        assertEquals(named, sources.values().stream().filter(s -> s.kind() == CorpusSource.Kind.SPEECH)
                .map(CorpusSource::id).collect(Collectors.toSet()), "every voice discovered is in one of the two lists");
        CorpusSource carlo = sources.get("asterisk-it");
        assertEquals("g722", carlo.inputFormat());
        assertEquals("it_XX_f_Voice", carlo.speaker());

        CorpusSource menardi = sources.get("asterisk-it-menardi");
        assertEquals(List.of("added", "digits/1"), menardi.files().stream().map(CorpusSource.SourceFile::name).toList(),
                "the silence folder and non-audio files are left out");
        assertEquals("CC-SA-BY-3.0", menardi.files().get(0).license());

        CorpusSource nn = sources.get("ktuberling-nn");
        assertEquals(List.of("hat", "nose"), nn.files().stream().map(CorpusSource.SourceFile::name).toList());
        assertEquals("usr/share/ktuberling/sounds/nn/hat.opus", nn.files().get(0).packagePath());
        assertEquals("GPL-2+", nn.files().get(0).license());
        assertEquals(2, sources.get("ktuberling-de").files().size(), "readme.txt is not a voice");
        assertFalse(sources.containsKey("ktuberling-da"), "a held-out evaluation voice's language");
        assertFalse(sources.containsKey("ktuberling-sl"), "hard-clipped");
    }

    @Test
    void the140VoicesKeepTheirOrderAheadOfTheNewOnes() throws IOException {
        fakeTree();
        List<String> ids = SourceCatalog.discover(pkgs).stream().map(CorpusSource::id).toList();
        int firstExtra = ids.indexOf(SourceCatalog.EXTRA_VOICES.get(0));
        for (String lang : SourceCatalog.TUXPAINT_LANGUAGES) {
            assertTrue(ids.indexOf("tuxpaint-" + lang) < firstExtra);
        }
        for (String id : SourceCatalog.EXTRA_VOICES) {
            assertTrue(ids.indexOf(id) >= firstExtra);
        }
    }

    @Test
    void aMissingLanguageFolderIsAClearError() throws IOException {
        fakeTree();
        Path uk = pkgs.resolve(SourceCatalog.KTUBERLING).resolve("usr/share/ktuberling/sounds/uk");
        try (var s = Files.walk(uk)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> SourceCatalog.discover(pkgs));
        assertTrue(e.getMessage().contains("sounds/uk"), e.getMessage());
    }
}
