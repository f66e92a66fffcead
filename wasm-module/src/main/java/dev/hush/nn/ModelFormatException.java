package dev.hush.nn;

/** A weights file that cannot be trusted: wrong magic, version, checksum, shapes or length. */
public final class ModelFormatException extends IllegalArgumentException {
    public ModelFormatException(String message) {
        super(message);
    }
}
