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
