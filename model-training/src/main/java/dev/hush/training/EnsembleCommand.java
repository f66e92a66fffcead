package dev.hush.training;

import dev.hush.nn.GainEnsemble;
import dev.hush.nn.GainModel;
import dev.hush.nn.GainNetwork;
import dev.hush.nn.ModelFormatException;
import dev.hush.nn.ModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code make-ensemble --version V [--out DIR] MEMBER.bin MEMBER.bin...}: joins trained networks into one ensemble
 * weights file and installs it with its manifest (default: next to the DSP, as {@code bin/train} installs). Each
 * member's manifest ({@code NAME.manifest.json} beside it) is required and embedded.
 * {@code make-ensemble --split ENSEMBLE.bin --out DIR}: the other way, each member as {@code member-K.bin}, to score
 * the members of an ensemble trained in one run ({@code bin/train --members K}) alone.
 */
public final class EnsembleCommand {
    static final Path DEFAULT_OUT = Path.of("wasm-module/src/main/resources/models");

    private EnsembleCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String version = null;
        Path out = DEFAULT_OUT;
        List<Path> members = new ArrayList<>();
        Path split = null;
        boolean outGiven = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--version" -> version = value(args, ++i, "--version");
                    case "--out" -> {
                        out = Path.of(value(args, ++i, "--out"));
                        outGiven = true;
                    }
                    case "--split" -> split = Path.of(value(args, ++i, "--split"));
                    case "--help", "-h" -> {
                        System.out.println(usage());
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                        }
                        members.add(Path.of(args[i]));
                    }
                }
            }
            if (split != null) {
                if (!members.isEmpty() || version != null || !outGiven) {
                    throw new IllegalArgumentException("--split takes one ensemble file and --out DIR, nothing else");
                }
            } else if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("--version is required");
            }
            if (split == null && members.size() < 2) {
                throw new IllegalArgumentException("give at least two member weights files");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("make-ensemble: error: " + e.getMessage() + "\n" + usage());
            return 2;
        }
        if (split != null) {
            return split(split, out);
        }
        try {
            byte[][] bytes = new byte[members.size()][];
            List<String> manifests = new ArrayList<>();
            for (int k = 0; k < members.size(); k++) {
                Path m = members.get(k);
                bytes[k] = read(m);
                GainNetwork net;
                try {
                    net = GainNetwork.load(bytes[k]);
                } catch (ModelFormatException e) {
                    throw new IOException(m + ": " + e.getMessage());
                }
                Path manifest = m.resolveSibling(net.name() + ".manifest.json");
                String json = new String(read(manifest), java.nio.charset.StandardCharsets.UTF_8);
                if (!json.contains("\"sha256\": \"" + ModelManifest.sha256(bytes[k]) + "\"")) {
                    throw new IOException(manifest + " does not describe " + m + " (its SHA-256 differs)");
                }
                manifests.add(json);
            }
            byte[] joined;
            try {
                joined = ModelWriter.ensemble(ModelManifest.MODEL_NAME, version, bytes);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
            ModelManifest.installEnsemble(joined, out, manifests);
            System.out.printf("make-ensemble: %s %s, %d networks, %d bytes, installed in %s%n", ModelManifest.MODEL_NAME,
                    version, members.size(), joined.length, out);
            return 0;
        } catch (IOException e) {
            System.err.println("make-ensemble: error: " + e.getMessage());
            return 1;
        }
    }

    private static int split(Path file, Path out) {
        try {
            byte[] bytes = read(file);
            int count;
            try {
                count = GainModel.load(bytes) instanceof GainEnsemble e ? e.size() : 1;
                if (count == 1) {
                    throw new ModelFormatException("it holds one network, not an ensemble");
                }
            } catch (ModelFormatException e) {
                throw new IOException(file + ": " + e.getMessage());
            }
            Files.createDirectories(out);
            for (int k = 0; k < count; k++) {
                Files.write(out.resolve("member-" + k + ".bin"), ModelWriter.member(bytes, k));
            }
            System.out.printf("make-ensemble: %d members of %s written to %s (member-0.bin …)%n", count, file, out);
            return 0;
        } catch (IOException e) {
            System.err.println("make-ensemble: error: " + e.getMessage());
            return 1;
        }
    }

    private static byte[] read(Path p) throws IOException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new IOException(p + ": no such file");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return "usage: make-ensemble --version V [--out DIR] MEMBER.bin MEMBER.bin...\n"
                + "       make-ensemble --split ENSEMBLE.bin --out DIR   (each member as DIR/member-K.bin)\n"
                + "  joins 2 to 4 trained networks (each with NAME.manifest.json beside it) into one weights file whose\n"
                + "  gains and strengths are the members' mean; installs it and its manifest in DIR\n"
                + "  (default " + DEFAULT_OUT + ")";
    }
}
