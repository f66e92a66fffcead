package dev.hush.cli;

import java.io.IOException;
import java.io.InputStream;

/** The weights committed with the build (class-path resource {@value #RESOURCE}), used when no --model is given. */
public final class ShippedModel {
    public static final String RESOURCE = "models/hush-percepnet.bin";

    private ShippedModel() {
    }

    /** The shipped weights, or null when this build carries none (the classic estimator is used then). */
    public static byte[] bytes() throws IOException {
        try (InputStream in = ShippedModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
