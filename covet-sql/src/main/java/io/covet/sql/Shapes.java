package io.covet.sql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Copies a query tree without its bound values, so a render-cache key holds the shape but no user data.
 *
 * <p>Records are copied generically through their components (reflection, only on a cache miss); the few
 * non-record node classes are listed here. Anything unknown fails loudly rather than be kept with its values.
 */
final class Shapes {
    private static final ClassValue<RecordCopier> COPIERS = new ClassValue<>() {
        @Override
        protected RecordCopier computeValue(Class<?> type) {
            return new RecordCopier(type);
        }
    };

    private Shapes() {
    }

    static Object strip(Object o) {
        if (o == null || o instanceof String || o instanceof Class<?> || o instanceof Enum<?>
                || o instanceof Number || o instanceof Boolean || o instanceof Character || o instanceof UUID) {
            return o;
        }
        if (o instanceof Param<?> p) {
            return p.stripped();
        }
        if (o instanceof List<?> list) {
            return stripList(list);
        }
        if (o instanceof JsonExtract<?> j) {
            return j.stripValues();
        }
        if (o instanceof JsonHasKey k) {
            return k.stripValues();
        }
        if (o instanceof Record r) {
            return COPIERS.get(r.getClass()).copy(r);
        }
        if (o instanceof Table t) {
            return t.stripValues();
        }
        if (o instanceof Select s) {
            return s.stripValues();
        }
        if (o instanceof Asterisk a) {
            return a.stripValues();
        }
        if (o instanceof SortField s) {
            return new SortField((Field<?>) strip(s.field), s.descending, s.nulls);
        }
        if (o instanceof Assignment a) {
            return new Assignment((Column<?>) strip(a.column), (Field<?>) strip(a.value));
        }
        if (o instanceof Quantified<?> q) {
            return new Quantified<>(q.all, (Select) strip(q.subquery));
        }
        if (o instanceof FullText) {
            return o; // names and columns only, no values
        }
        if (o instanceof Frame f) {
            return f.stripValues();
        }
        if (o instanceof WindowSpec w) {
            return w.stripValues();
        }
        throw new IllegalStateException("the render cache cannot copy a " + o.getClass().getName()
                + " without its values; this is a bug in covet-sql");
    }

    private static List<Object> stripList(List<?> list) {
        List<Object> out = null;
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            Object s = strip(e);
            if (s != e && out == null) {
                out = new ArrayList<>(list.subList(0, i));
            }
            if (out != null) {
                out.add(s);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> same = (List<Object>) list;
        return out == null ? same : java.util.Collections.unmodifiableList(out);
    }

    /** Rebuilds one record class from stripped components. */
    private static final class RecordCopier {
        private final MethodHandle[] accessors;
        private final MethodHandle constructor;

        RecordCopier(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                RecordComponent[] components = type.getRecordComponents();
                accessors = new MethodHandle[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    accessors[i] = lookup.unreflect(components[i].getAccessor());
                    types[i] = components[i].getType();
                }
                constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot copy record " + type.getName(), e);
            }
        }

        Object copy(Record r) {
            try {
                Object[] args = new Object[accessors.length];
                boolean changed = false;
                for (int i = 0; i < args.length; i++) {
                    Object v = accessors[i].invoke(r);
                    args[i] = strip(v);
                    changed |= args[i] != v;
                }
                return changed ? constructor.invokeWithArguments(args) : r;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("cannot copy " + r.getClass().getName(), t);
            }
        }
    }
}
