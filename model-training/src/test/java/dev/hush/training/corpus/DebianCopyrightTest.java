package dev.hush.training.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DebianCopyrightTest {
    @Test
    void lastMatchingStanzaWins(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("copyright");
        Files.writeString(f, String.join("\n",
                "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
                "",
                "Files: *",
                "Copyright: someone",
                "License: GPL-2+",
                "",
                "Files: data/sfx/*.ogg",
                "       data/music/a.ogg",
                "Copyright: other",
                "License: CC-BY-SA-3.0",
                "",
                "Files: data/sfx/rain.ogg",
                "License: CC0",
                ""));
        DebianCopyright c = DebianCopyright.read(f);
        assertEquals("CC0", c.licenseOf("data/sfx/rain.ogg"));
        assertEquals("CC-BY-SA-3.0", c.licenseOf("data/sfx/wind.ogg"));
        assertEquals("CC-BY-SA-3.0", c.licenseOf("data/music/a.ogg"));
        assertEquals("GPL-2+", c.licenseOf("data/music/b.ogg"));
    }
}
