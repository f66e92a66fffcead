package dev.hush.teavm;

import org.teavm.extension.spi.substitution.SubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * JLargeArrays refers to {@code sun.misc.Unsafe} for arrays beyond 2^31 elements, which TeaVM's classlib lacks.
 * The DSP only uses small on-heap arrays, so those paths are never taken; redirecting the package to
 * {@link dev.hush.teavm.sunmisc} lets the compiler resolve them.
 */
public final class SunMiscSubstitutionPolicy implements SubstitutionPolicy {
    @Override
    public void contribute(SubstitutionSink sink) {
        sink.substitutePackage("sun.misc", "dev.hush.teavm.sunmisc");
    }
}
