package io.covet.orm.internal;

import io.covet.orm.DoesNotExist;
import io.covet.orm.Entity;
import io.covet.orm.FieldChange;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Reverted;
import io.covet.orm.Version;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code whoChanged} and {@code revert}: answers computed from a row's recorded versions. */
public final class HistoryOps {
    private HistoryOps() {
    }

    /** Every change of {@code field} in the versions of {@code instance}'s row, oldest first. */
    public static <T extends Entity> List<FieldChange> whoChanged(OrmRuntime orm, T instance, String field) {
        ModelMeta m = orm.typeOf(instance).meta();
        if (m.fields().stream().noneMatch(f -> f.name().equals(field))) {
            throw new OrmUsageException("whoChanged(" + m.simpleName() + ", \"" + field + "\"): no such field; the "
                    + "fields are " + m.fields().stream().map(FieldMeta::name).toList());
        }
        if (SystemTimeReads.versioned(m)) {
            throw SystemTimeReads.noAttribution(m, "whoChanged");
        }
        if (m.history() != null && m.history().excluded().contains(field)) {
            throw new OrmUsageException("whoChanged(" + m.simpleName() + ", \"" + field + "\"): the field is "
                    + "excluded from the history (@History(exclude)), so its changes are not recorded");
        }
        List<FieldChange> out = new ArrayList<>();
        Version<T> previous = null;
        for (Version<T> v : AsOf.versions(orm, instance)) {
            Map<String, Version.Change> d = v.diff(previous);
            Version.Change c = d.get(field);
            if (c != null && !"-".equals(v.changeType())) {
                out.add(new FieldChange(field, c.before(), c.after(), v.validFrom(), v.changedBy(), v.reason(),
                        v.changeset()));
            }
            previous = v;
        }
        return out;
    }

    /**
     * Writes {@code version}'s tracked values to the live row of its key (inserting it again when it was
     * deleted); excluded fields and required fields the version holds no value for keep their current value.
     */
    public static <T extends Entity> Reverted<T> revert(OrmRuntime rt, Version<T> version) {
        if ("-".equals(version.changeType())) {
            throw new OrmUsageException("revert: the version is a deletion (the row as it was deleted); revert to "
                    + "the version before it to restore the row");
        }
        ModelType<T> type = rt.typeOf(version.state());
        ModelMeta m = type.meta();
        int[] pk = m.primaryKeyIndexes();
        if (pk.length != 1) {
            throw new OrmUsageException("revert(" + m.simpleName() + "): models with a composite primary key are not "
                    + "supported yet; write the version's values with orm.save");
        }
        Object key = type.get(version.state(), pk[0]);
        T live;
        try {
            live = QueryReads.get(rt, QuerySpec.all(type), key);
        } catch (DoesNotExist gone) {
            live = type.newInstance();
            type.set(live, pk[0], key);
        }
        List<String> notRestored = new ArrayList<>();
        for (int i = 0; i < m.fields().size(); i++) {
            FieldMeta f = m.fields().get(i);
            if (f.primaryKey()) {
                continue;
            }
            if (!version.fields().containsKey(f.name())) {
                notRestored.add(f.name() + ": excluded from the history");
            } else if (version.fields().get(f.name()) == null && !f.nullable()) {
                notRestored.add(f.name() + ": no value in the version (recorded before the field existed)");
            } else {
                type.set(live, i, type.get(version.state(), i));
            }
        }
        Keys.requireWritable(type, "revert");
        rt.save(live, null);
        return new Reverted<>(live, notRestored);
    }
}
