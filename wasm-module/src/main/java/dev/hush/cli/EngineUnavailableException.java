package dev.hush.cli;

import java.io.IOException;

/** A known engine that this build or this machine cannot run. */
public final class EngineUnavailableException extends IOException {
    public EngineUnavailableException(String message) {
        super(message);
    }
}
