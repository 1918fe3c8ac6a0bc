package io.covet.orm.internal;

import io.covet.orm.spi.ModelType;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields a query left out of an instance: shared by every instance one table of one query read (so a row
 * costs no allocation for it), dropped from the instance once they are loaded. Immutable. Not an API.
 *
 * @param type   the model
 * @param fields the deferred field indexes, ascending
 */
record DeferredState(ModelType<?> type, int[] fields) {
    /** Whether field {@code i} is among them. */
    boolean has(int i) {
        for (int f : fields) {
            if (f == i) {
                return true;
            }
        }
        return false;
    }

    /** The field names, in field order. */
    List<String> names() {
        List<String> out = new ArrayList<>(fields.length);
        for (int f : fields) {
            out.add(type.meta().fields().get(f).name());
        }
        return out;
    }
}
