package dev.hush.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Makes DJL's Adam start over, as if newly built: its moment estimates and its per-parameter update counts are
 * dropped. Needed after a divergence: going back to the best weights leaves the second moments that the jump
 * inflated, and with β2 = 0.999 they shrink every later step for thousands of updates (a --speed 1.25 run crawled
 * from −2.618 to −2.629 in 8 epochs after two reverts, where an unreverted run gained 0.04 per epoch). The counts go
 * too, so that bias correction sizes the first steps again; the caller shifts its learning-rate schedule by the
 * updates already done. DJL 0.36 has no public way to do this, so it reaches into the fields by name; a DJL upgrade
 * that renames them fails here with the missing name, and AdamResetTest exercises it.
 */
final class AdamReset {
    private AdamReset() {
    }

    static void forget(Optimizer adam) {
        if (!(adam instanceof Adam)) {
            throw new IllegalArgumentException("not DJL's Adam: " + adam.getClass().getName());
        }
        try {
            for (String name : new String[] {"means", "variances"}) {
                @SuppressWarnings("unchecked")
                Map<String, Map<Device, NDArray>> moments =
                        (Map<String, Map<Device, NDArray>>) field(Adam.class, name).get(adam);
                for (Map<Device, NDArray> perDevice : moments.values()) {
                    perDevice.values().forEach(NDArray::close);
                }
                moments.clear();
            }
            ((Map<?, ?>) field(Optimizer.class, "updateCounts").get(adam)).clear();
            // updateCount() returns the largest count ever seen, which is kept apart from the map.
            field(Optimizer.class, "numUpdate").setInt(adam, 0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reset Adam in this DJL version: " + e, e);
        }
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
