package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;
import java.util.Objects;

/**
 * Creates a PostgreSQL domain: a named base type with optional {@code NOT NULL}, default and {@code CHECK}
 * expressions over {@code VALUE} ({@code CREATE DOMAIN posint AS integer CHECK (VALUE > 0)}), so that models whose
 * fields name it ({@code nativeType = "posint"}, as {@code inspectdb} writes them) can be migrated into an empty
 * database. Written by hand into a migration before the first model that uses it; the autodetector never writes
 * it. Reversed by {@code DROP DOMAIN … RESTRICT}, which refuses while a column still uses the domain. The schema
 * state is not changed. The base type must read as one type name; the default and the checks are SQL, trusted
 * like {@link RunSql}'s. On MariaDB and SQLite, which have no domains, the migration fails before anything runs
 * with {@link io.covet.core.error.UnsupportedFeature}.
 *
 * @param name       the domain
 * @param baseType   its base type as PostgreSQL spells it ({@code integer}, {@code varchar(20)})
 * @param notNull    whether the domain refuses nulls
 * @param defaultSql the default as SQL, or null
 * @param checks     CHECK expressions over {@code VALUE}, each its own constraint
 */
public record CreateDomain(String name, String baseType, boolean notNull, String defaultSql, List<String> checks)
        implements Operation {
    /** Checks that a name and a base type are given; copies the checks. */
    public CreateDomain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseType, "baseType");
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    @Override
    public Schema apply(Schema before) {
        return before;
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.createDomain(name, baseType, notNull, defaultSql, checks));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.dropDomain(name));
    }

    @Override
    public String describe() {
        return "Create domain " + name + " as " + baseType;
    }
}
