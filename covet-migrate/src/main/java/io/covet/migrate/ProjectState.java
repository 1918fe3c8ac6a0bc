package io.covet.migrate;

import io.covet.schema.Schema;

import java.util.Map;
import java.util.TreeMap;

/**
 * The schema as a sequence of migrations leaves it, plus which app created (owns) each table, so that the
 * autodetector writes a table's changes into its own app's migrations.
 */
public record ProjectState(Schema schema, Map<String, String> owners) {
    /** Copies the owners. */
    public ProjectState {
        owners = Map.copyOf(owners);
    }

    /** No tables. */
    public static ProjectState empty() {
        return new ProjectState(Schema.empty(), Map.of());
    }

    /** The state after {@code op} of a migration of {@code app}. */
    public ProjectState apply(String app, Operation op) {
        Map<String, String> o = new TreeMap<>(owners);
        track(app, op, o);
        return new ProjectState(op.apply(schema), o);
    }

    static void track(String app, Operation op, Map<String, String> o) {
        if (op instanceof CreateModel c) {
            o.put(c.table().name(), app);
        } else if (op instanceof DeleteModel d) {
            o.remove(d.table());
        } else if (op instanceof RenameModel r) {
            String owner = o.remove(r.from());
            o.put(r.to(), owner == null ? app : owner);
        } else if (op instanceof SeparateDatabaseAndState s) {
            s.state().forEach(x -> track(app, x, o));
        }
    }

    /** The app owning a table, or null. */
    public String ownerOf(String table) {
        return owners.get(table);
    }
}
