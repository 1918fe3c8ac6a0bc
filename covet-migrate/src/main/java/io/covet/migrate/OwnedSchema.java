package io.covet.migrate;

import io.covet.schema.Schema;

import java.util.Map;

/** A schema whose tables each belong to an app: the plain {@link SchemaSource}. */
record OwnedSchema(Schema schema, Map<String, String> owners) implements SchemaSource {
    /** Copies the owners. */
    OwnedSchema {
        owners = Map.copyOf(owners);
    }

    @Override
    public String appOf(String table) {
        String app = owners.get(table);
        if (app == null) {
            throw new IllegalArgumentException("no app owns table " + table);
        }
        return app;
    }
}
