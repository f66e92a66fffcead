package dev.hush.training.corpus;

import java.util.List;

/**
 * One recording source: a single voice (speech) or one noise collection, from one Debian package.
 * Speech sources are one speaker each, so splitting by source splits by speaker.
 *
 * @param id          stable name used in paths, manifests and the index (e.g. "tuxpaint-fr")
 * @param kind        speech or noise
 * @param debPackage  Debian package it comes from
 * @param speaker     who speaks (speech) or what it is (noise)
 * @param inputFormat ffmpeg demuxer for headerless files ("g722"), null to probe
 * @param files       files inside the extracted package, relative to its root
 */
public record CorpusSource(String id, Kind kind, String debPackage, String speaker, String inputFormat,
                           List<SourceFile> files) {
    public enum Kind { SPEECH, NOISE }

    /**
     * @param packagePath path inside the extracted package
     * @param name        output name, unique within the source (no extension)
     * @param license     licence of this file per the package's debian/copyright
     * @param noiseKind   coarse noise class for grouping results (noise only, else null)
     */
    public record SourceFile(String packagePath, String name, String license, String noiseKind) {
    }
}
