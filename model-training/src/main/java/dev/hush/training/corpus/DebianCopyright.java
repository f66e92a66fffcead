package dev.hush.training.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The machine-readable debian/copyright of a package: which licence covers a given file.
 * Per DEP-5, the last "Files:" stanza whose pattern matches wins.
 */
final class DebianCopyright {
    private record Stanza(List<Pattern> patterns, String license) {
    }

    private final List<Stanza> stanzas;
    private final String headerLicense;

    private DebianCopyright(List<Stanza> stanzas, String headerLicense) {
        this.stanzas = stanzas;
        this.headerLicense = headerLicense;
    }

    static DebianCopyright read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new DebianCopyright(List.of(), "unknown");
        }
        List<Stanza> stanzas = new ArrayList<>();
        String header = "unknown";
        List<Pattern> patterns = null;
        boolean inFiles = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("Files:")) {
                patterns = new ArrayList<>();
                addPatterns(patterns, line.substring(6));
                inFiles = true;
            } else if (inFiles && (line.startsWith(" ") || line.startsWith("\t")) && patterns != null) {
                addPatterns(patterns, line);
            } else if (line.startsWith("License:")) {
                inFiles = false;
                String lic = line.substring(8).trim();
                if (patterns != null) {
                    stanzas.add(new Stanza(patterns, lic));
                    patterns = null;
                } else if ("unknown".equals(header) && !lic.isEmpty()) {
                    header = lic;
                }
            } else {
                inFiles = false;
            }
        }
        return new DebianCopyright(stanzas, header);
    }

    private static void addPatterns(List<Pattern> out, String text) {
        for (String glob : text.trim().split("\\s+")) {
            if (!glob.isEmpty()) {
                StringBuilder re = new StringBuilder();
                for (char c : glob.toCharArray()) {
                    if (c == '*') {
                        re.append(".*");
                    } else if (c == '?') {
                        re.append('.');
                    } else {
                        re.append(Pattern.quote(String.valueOf(c)));
                    }
                }
                out.add(Pattern.compile(re.toString()));
            }
        }
    }

    /** @param relativePath path as the copyright file spells it (relative to the upstream source root) */
    String licenseOf(String relativePath) {
        String found = null;
        for (Stanza s : stanzas) {
            for (Pattern p : s.patterns) {
                if (p.matcher(relativePath).matches()) {
                    found = s.license;
                }
            }
        }
        return found != null ? found : headerLicense;
    }
}
