package dev.hush.nn;

/**
 * The versioned weights file. Little-endian:
 * <pre>
 *   "HUSHNET\0"            8-byte magic
 *   u32 formatVersion      {@link #FORMAT_VERSION}
 *   u32 payloadBytes       length of everything after the next field
 *   u32 payloadCrc32       CRC-32 of the payload: any flipped or missing byte is caught before use
 *   payload:
 *     str name, str version          (u16 length + ASCII)
 *     u32 featureCount, u32 bandCount
 *     u32 tensorCount, then per tensor:
 *       str name, u8 encoding (0 = float32, 1 = int8 with a float32 scale per row), u8 rank, u32 dims[rank]
 *       float32: values;  int8: dims[0] scales, then the values row by row
 * </pre>
 * Tensors are row-major with PyTorch's layouts. int8 values are dequantised on load (value · row scale).
 * An ensemble ({@link GainEnsemble}) is one such file whose members' tensors carry the prefixes {@code m0.},
 * {@code m1.}, …: one name, one version, one checksum for the whole (see {@link GainModel#load}).
 */
public final class ModelFile {
    public static final byte[] MAGIC = {'H', 'U', 'S', 'H', 'N', 'E', 'T', 0};
    public static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 20;
    public static final int ENCODING_FLOAT32 = 0;
    public static final int ENCODING_INT8_ROW_SCALED = 1;
    private static final int MAX_TENSORS = 64;
    private static final int MAX_RANK = 4;

    private final String name;
    private final String version;
    private final int featureCount;
    private final int bandCount;
    private final String[] tensorNames;
    private final int[][] tensorDims;
    private final float[][] tensorValues;
    private final int[] tensorEncodings;

    private ModelFile(String name, String version, int featureCount, int bandCount,
                      String[] tensorNames, int[][] tensorDims, float[][] tensorValues, int[] tensorEncodings) {
        this.name = name;
        this.version = version;
        this.featureCount = featureCount;
        this.bandCount = bandCount;
        this.tensorNames = tensorNames;
        this.tensorDims = tensorDims;
        this.tensorValues = tensorValues;
        this.tensorEncodings = tensorEncodings;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public int featureCount() {
        return featureCount;
    }

    public int bandCount() {
        return bandCount;
    }

    public int tensorCount() {
        return tensorNames.length;
    }

    public String tensorName(int i) {
        return tensorNames[i];
    }

    public boolean hasTensor(String tensorName) {
        for (String n : tensorNames) {
            if (n.equals(tensorName)) {
                return true;
            }
        }
        return false;
    }

    /** How tensor {@code i} was stored: {@link #ENCODING_FLOAT32} or {@link #ENCODING_INT8_ROW_SCALED}. */
    public int tensorEncoding(int i) {
        return tensorEncodings[i];
    }

    /** The values of tensor {@code i} as loaded (dequantised), not a copy. */
    float[] tensorValues(int i) {
        return tensorValues[i];
    }

    /** The dimensions of tensor {@code i} (a copy). */
    public int[] tensorDims(int i) {
        return tensorDims[i].clone();
    }

    /** The values of a tensor, checked against the expected shape. */
    public float[] tensor(String tensorName, int... expectedDims) {
        for (int i = 0; i < tensorNames.length; i++) {
            if (tensorNames[i].equals(tensorName)) {
                int[] dims = tensorDims[i];
                boolean match = dims.length == expectedDims.length;
                for (int d = 0; match && d < dims.length; d++) {
                    match = dims[d] == expectedDims[d];
                }
                if (!match) {
                    throw new ModelFormatException("tensor '" + tensorName + "' has shape " + shape(dims)
                            + ", expected " + shape(expectedDims));
                }
                return tensorValues[i];
            }
        }
        throw new ModelFormatException("weights file has no tensor '" + tensorName + "'");
    }

    /** The dimensions of a tensor (a copy). */
    public int[] dims(String tensorName) {
        for (int i = 0; i < tensorNames.length; i++) {
            if (tensorNames[i].equals(tensorName)) {
                return tensorDims[i].clone();
            }
        }
        throw new ModelFormatException("weights file has no tensor '" + tensorName + "'");
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int d = 0; d < dims.length; d++) {
            sb.append(d == 0 ? "" : "×").append(dims[d]);
        }
        return sb.append(']').toString();
    }

    public static ModelFile parse(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_BYTES) {
            throw new ModelFormatException("weights file is empty or shorter than its 20-byte header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new ModelFormatException("not a Hush weights file (bad magic)");
            }
        }
        Reader r = new Reader(bytes, MAGIC.length, bytes.length);
        int formatVersion = r.u32();
        if (formatVersion != FORMAT_VERSION) {
            throw new ModelFormatException("weights file format version " + formatVersion
                    + " is not supported (this build reads version " + FORMAT_VERSION + ")");
        }
        long payloadBytes = r.u32() & 0xFFFFFFFFL;
        int crc = r.u32();
        if (payloadBytes != bytes.length - HEADER_BYTES) {
            throw new ModelFormatException("weights file is truncated or padded: header says " + payloadBytes
                    + " payload bytes, file has " + (bytes.length - HEADER_BYTES));
        }
        if (Crc32.of(bytes, HEADER_BYTES, (int) payloadBytes) != crc) {
            throw new ModelFormatException("weights file is corrupt (checksum mismatch)");
        }
        String name = r.str();
        String version = r.str();
        int featureCount = r.u32();
        int bandCount = r.u32();
        int count = r.u32();
        if (count < 0 || count > MAX_TENSORS) {
            throw new ModelFormatException("implausible tensor count " + count);
        }
        String[] names = new String[count];
        int[][] dims = new int[count][];
        float[][] values = new float[count][];
        int[] encodings = new int[count];
        for (int t = 0; t < count; t++) {
            names[t] = r.str();
            int encoding = r.u8();
            encodings[t] = encoding;
            int rank = r.u8();
            if (rank < 1 || rank > MAX_RANK) {
                throw new ModelFormatException("tensor '" + names[t] + "' has unsupported rank " + rank);
            }
            dims[t] = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[t][d] = r.u32();
                if (dims[t][d] <= 0) {
                    throw new ModelFormatException("tensor '" + names[t] + "' has a non-positive dimension");
                }
                size *= dims[t][d];
            }
            if (size > r.remaining()) {
                throw new ModelFormatException("tensor '" + names[t] + "' is larger than the file");
            }
            float[] v = new float[(int) size];
            if (encoding == ENCODING_FLOAT32) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.f32();
                }
            } else if (encoding == ENCODING_INT8_ROW_SCALED) {
                int rows = dims[t][0];
                int cols = (int) (size / rows);
                float[] scales = new float[rows];
                for (int row = 0; row < rows; row++) {
                    scales[row] = r.f32();
                }
                for (int row = 0; row < rows; row++) {
                    for (int c = 0; c < cols; c++) {
                        v[row * cols + c] = r.s8() * scales[row];
                    }
                }
            } else {
                throw new ModelFormatException("tensor '" + names[t] + "' has unknown encoding " + encoding);
            }
            for (float f : v) {
                if (Float.isNaN(f) || Float.isInfinite(f)) {
                    throw new ModelFormatException("tensor '" + names[t] + "' holds NaN or infinite values");
                }
            }
            values[t] = v;
        }
        if (r.remaining() != 0) {
            throw new ModelFormatException("weights file has " + r.remaining() + " unexpected trailing bytes");
        }
        return new ModelFile(name, version, featureCount, bandCount, names, dims, values, encodings);
    }

    /** Bounds-checked little-endian reads: a short file becomes a ModelFormatException, never an index error. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        private void need(int n) {
            if (end - pos < n) {
                throw new ModelFormatException("weights file ends unexpectedly at byte " + pos);
            }
        }

        int u8() {
            need(1);
            return b[pos++] & 0xFF;
        }

        int s8() {
            need(1);
            return b[pos++];
        }

        int u32() {
            need(4);
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }

        float f32() {
            return Float.intBitsToFloat(u32());
        }

        String str() {
            need(2);
            int len = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
            pos += 2;
            need(len);
            char[] chars = new char[len];
            for (int i = 0; i < len; i++) {
                int c = b[pos + i] & 0xFF;
                if (c < 0x20 || c > 0x7E) {
                    throw new ModelFormatException("weights file has a non-ASCII name");
                }
                chars[i] = (char) c;
            }
            pos += len;
            return new String(chars);
        }
    }
}
