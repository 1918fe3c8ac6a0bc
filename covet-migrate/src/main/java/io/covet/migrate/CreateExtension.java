package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;
import java.util.Objects;

/**
 * Makes a PostgreSQL extension available ({@code CREATE EXTENSION IF NOT EXISTS}), so that models whose fields name
 * its types ({@code nativeType = "citext"}) can be migrated into an empty database. Written by hand into a
 * migration before the first model that needs it, in the spirit of Django's {@code CreateExtension}; the
 * autodetector never writes it. Reversed by {@code DROP EXTENSION IF EXISTS … RESTRICT}, which refuses while a
 * column still uses one of its types. The schema state is not changed. On MariaDB and SQLite, which have no
 * extensions, the migration fails before anything runs with {@link io.covet.core.error.UnsupportedFeature}.
 *
 * @param name   the extension, e.g. {@code citext}, {@code hstore}, {@code pg_trgm}
 * @param schema the schema its objects go into, or null for the server's default
 */
public record CreateExtension(String name, String schema) implements Operation {
    /** Checks that a name is given. */
    public CreateExtension {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public Schema apply(Schema before) {
        return before;
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.createExtension(name, schema));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.dropExtension(name));
    }

    @Override
    public String describe() {
        return "Create extension " + name + (schema == null ? "" : " in schema " + schema);
    }
}
