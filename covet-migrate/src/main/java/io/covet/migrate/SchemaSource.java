package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the target schema comes from: the models. Implemented by the ORM adapter (model metadata → schema
 * state), by tests with hand-built tables, and by anything else that can describe tables and their apps.
 */
public interface SchemaSource {
    /** The schema the models describe. */
    Schema schema();

    /** The app (module) each table belongs to; its migrations go into that app. */
    String appOf(String table);

    /** A source from tables grouped by app. */
    static SchemaSource of(Map<String, List<Table>> tablesByApp) {
        Map<String, String> owners = new TreeMap<>();
        List<Table> all = new ArrayList<>();
        tablesByApp.forEach((app, tables) -> tables.forEach(t -> {
            owners.put(t.name(), app);
            all.add(t);
        }));
        return new OwnedSchema(Schema.of(all), owners);
    }
}
