package dev.hush.cli;

import java.util.function.DoubleConsumer;

/**
 * Runs a whole signal through a {@link FrameProcessor} and undoes its delay: the input is followed by enough
 * zeros to flush the processor, and the first latencySamples() outputs (the response to "before the start")
 * are dropped, so the result has the input's length and lines up with it sample for sample.
 */
public final class LatencyCompensator {
    private static final int PROGRESS_INTERVAL_FRAMES = 256;

    private LatencyCompensator() {
    }

    public static float[] run(FrameProcessor processor, float[] in, DoubleConsumer progress) {
        int frame = processor.frameSamples();
        int latency = processor.latencySamples();
        if (frame <= 0 || latency < 0) {
            throw new IllegalArgumentException("frame " + frame + ", latency " + latency);
        }
        float[] out = new float[in.length];
        long needed = (long) in.length + latency;
        long frames = (needed + frame - 1) / frame;
        float[] inFrame = new float[frame];
        float[] outFrame = new float[frame];
        for (long f = 0; f < frames; f++) {
            long start = f * frame;
            int available = (int) Math.max(0, Math.min(frame, in.length - start));
            if (available > 0) {
                System.arraycopy(in, (int) start, inFrame, 0, available);
            }
            java.util.Arrays.fill(inFrame, available, frame, 0f);
            processor.processFrame(inFrame, 0, outFrame, 0);
            // outFrame[j] is output sample start + j, i.e. input sample start + j - latency.
            long dest = start - latency;
            int from = (int) Math.max(0, -dest);
            int to = (int) Math.min(frame, in.length - dest);
            if (to > from) {
                System.arraycopy(outFrame, from, out, (int) (dest + from), to - from);
            }
            if (progress != null && f % PROGRESS_INTERVAL_FRAMES == PROGRESS_INTERVAL_FRAMES - 1) {
                progress.accept((double) (f + 1) / frames);
            }
        }
        if (progress != null) {
            progress.accept(1.0);
        }
        return out;
    }
}
