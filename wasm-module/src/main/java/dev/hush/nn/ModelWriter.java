package dev.hush.nn;

import java.io.ByteArrayOutputStream;

/**
 * Builds a weights file in the format {@link ModelFile} reads. Matrices (rank ≥ 2) may be stored as int8 with one
 * scale per output row (max |w| / 127), which keeps each row's relative precision whatever its magnitude.
 * JVM-side only (training export and tests).
 */
public final class ModelWriter {
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private int tensorCount;
    private final ByteArrayOutputStream tensors = new ByteArrayOutputStream();
    private final String name;
    private final String version;
    private final int featureCount;

    public ModelWriter(String name, String version) {
        this(name, version, dev.hush.dsp.PercepNet.FEATURES);
    }

    /** For a model that reads {@code featureCount} inputs (the leading 70 for the layout before look-ahead). */
    public ModelWriter(String name, String version, int featureCount) {
        this.name = name;
        this.version = version;
        this.featureCount = featureCount;
    }

    public ModelWriter addFloat32(String tensorName, float[] values, int... dims) {
        checkSize(tensorName, values, dims);
        header(tensorName, ModelFile.ENCODING_FLOAT32, dims);
        for (float v : values) {
            u32(tensors, Float.floatToIntBits(v));
        }
        tensorCount++;
        return this;
    }

    public ModelWriter addInt8(String tensorName, float[] values, int... dims) {
        checkSize(tensorName, values, dims);
        header(tensorName, ModelFile.ENCODING_INT8_ROW_SCALED, dims);
        int rows = dims[0];
        int cols = values.length / rows;
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            float max = 0f;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(values[r * cols + c]));
            }
            scales[r] = max > 0f ? max / 127f : 1f;
            u32(tensors, Float.floatToIntBits(scales[r]));
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int q = Math.round(values[r * cols + c] / scales[r]);
                tensors.write(Math.max(-127, Math.min(127, q)));
            }
        }
        tensorCount++;
        return this;
    }

    /**
     * One weights file holding {@code members} (single-network files with the same feature count) as an ensemble:
     * member k's tensors renamed with {@link GainModel#memberPrefix}, each stored as it was (int8 stays int8, re-read
     * from its dequantised values, which quantise back to the same integers and scales).
     */
    public static byte[] ensemble(String name, String version, byte[]... members) {
        if (members.length < 2 || members.length > GainModel.MAX_MEMBERS) {
            throw new IllegalArgumentException("an ensemble holds 2 to " + GainModel.MAX_MEMBERS + " networks, got "
                    + members.length);
        }
        ModelWriter w = null;
        for (int k = 0; k < members.length; k++) {
            ModelFile f = ModelFile.parse(members[k]);
            if (!(GainModel.of(f) instanceof GainNetwork)) {
                throw new ModelFormatException("member " + k + " is itself an ensemble");
            }
            if (w == null) {
                w = new ModelWriter(name, version, f.featureCount());
            } else if (f.featureCount() != w.featureCount) {
                throw new IllegalArgumentException("member " + k + " reads " + f.featureCount() + " features, member 0 "
                        + w.featureCount);
            }
            for (int t = 0; t < f.tensorCount(); t++) {
                w.copy(f, t, GainModel.memberPrefix(k) + f.tensorName(t));
            }
        }
        return w.toBytes();
    }

    /**
     * Member {@code k} of an ensemble file as a weights file of its own (the inverse of {@link #ensemble}: the prefix
     * dropped, each tensor stored as it was), to score a member alone.
     */
    public static byte[] member(byte[] ensembleFile, int k) {
        ModelFile f = ModelFile.parse(ensembleFile);
        String[] prefixes = GainModel.memberPrefixes(f);
        if (prefixes.length < 2) {
            throw new ModelFormatException("weights file holds one network, not an ensemble");
        }
        if (k < 0 || k >= prefixes.length) {
            throw new IllegalArgumentException("the ensemble has members 0 to " + (prefixes.length - 1) + ", not " + k);
        }
        ModelWriter w = new ModelWriter(f.name(), f.version() + "-m" + k, f.featureCount());
        for (int t = 0; t < f.tensorCount(); t++) {
            String name = f.tensorName(t);
            if (!name.startsWith(prefixes[k])) {
                continue;
            }
            w.copy(f, t, name.substring(prefixes[k].length()));
        }
        return w.toBytes();
    }

    /** Tensor {@code t} of {@code f} under a new name, stored as it was (int8 re-read from its dequantised values). */
    private void copy(ModelFile f, int t, String name) {
        if (f.tensorEncoding(t) == ModelFile.ENCODING_INT8_ROW_SCALED) {
            addInt8(name, f.tensorValues(t), f.tensorDims(t));
        } else {
            addFloat32(name, f.tensorValues(t), f.tensorDims(t));
        }
    }

    /** The int8 encoding's round trip of a matrix: what inference will actually compute with. */
    public static float[] quantize(float[] values, int rows) {
        int cols = values.length / rows;
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            float max = 0f;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(values[r * cols + c]));
            }
            float scale = max > 0f ? max / 127f : 1f;
            for (int c = 0; c < cols; c++) {
                int q = Math.max(-127, Math.min(127, Math.round(values[r * cols + c] / scale)));
                out[r * cols + c] = q * scale;
            }
        }
        return out;
    }

    public byte[] toBytes() {
        payload.reset();
        str(payload, name);
        str(payload, version);
        u32(payload, featureCount);
        u32(payload, dev.hush.dsp.PercepNet.BANDS);
        u32(payload, tensorCount);
        byte[] t = tensors.toByteArray();
        payload.write(t, 0, t.length);
        byte[] p = payload.toByteArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(ModelFile.MAGIC, 0, ModelFile.MAGIC.length);
        u32(file, ModelFile.FORMAT_VERSION);
        u32(file, p.length);
        u32(file, Crc32.of(p, 0, p.length));
        file.write(p, 0, p.length);
        return file.toByteArray();
    }

    private static void checkSize(String tensorName, float[] values, int[] dims) {
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("tensor '" + tensorName + "' has " + values.length
                    + " values for " + size + " dims");
        }
    }

    private void header(String tensorName, int encoding, int[] dims) {
        str(tensors, tensorName);
        tensors.write(encoding);
        tensors.write(dims.length);
        for (int d : dims) {
            u32(tensors, d);
        }
    }

    private static void str(ByteArrayOutputStream out, String s) {
        out.write(s.length() & 0xFF);
        out.write(s.length() >>> 8);
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
