package dev.hush.audio;

import java.io.IOException;

/** A WAV file that cannot be read or written; the message is one line meant for a person. */
public final class WavFormatException extends IOException {
    public WavFormatException(String message) {
        super(message);
    }
}
