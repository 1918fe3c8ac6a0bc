package io.covet.sql;

import io.covet.core.engine.Engine;

import java.util.Objects;

/**
 * A system-versioned table read at a point in time or over all its versions: MariaDB's
 * {@code name FOR SYSTEM_TIME AS OF TIMESTAMP FROM_UNIXTIME(?) AS alias} (the instant bound as epoch seconds,
 * so the session time zone does not shift it) or {@code FOR SYSTEM_TIME ALL}. Other engines have no system
 * versioning and refuse it with an {@link io.covet.core.error.UnsupportedFeature}.
 */
final class SystemTimeTable extends Table {
    private final Table table;
    private final Param<java.math.BigDecimal> asOf; // null: ALL

    SystemTimeTable(Table table, Param<java.math.BigDecimal> asOf) {
        super(table.schema(), table.name(), table.alias());
        this.table = table;
        this.asOf = asOf;
    }

    @Override
    public Table as(String alias) {
        return new SystemTimeTable(table.as(alias), asOf);
    }

    @Override
    void renderDeclaration(Ctx ctx) {
        if (ctx.family() != Engine.MARIADB) {
            throw ctx.unsupported("FOR SYSTEM_TIME (system-versioned table " + table.name() + ")",
                    "System versioning is MariaDB's: keep the history in a history table written by triggers "
                            + "(@History with the default TRIGGERS capture) and read it as of an instant there.");
        }
        table.renderName(ctx);
        if (asOf == null) {
            ctx.sql(" FOR SYSTEM_TIME ALL");
        } else {
            ctx.sql(" FOR SYSTEM_TIME AS OF TIMESTAMP FROM_UNIXTIME(").visit(asOf).sql(')');
        }
        if (table.alias() != null) {
            ctx.sql(" AS ").id(table.alias());
        }
    }

    @Override
    void renderQualifier(Ctx ctx) {
        table.renderQualifier(ctx);
    }

    @Override
    boolean plain() {
        return false;
    }

    @Override
    boolean sameShape(Table other) {
        return other instanceof SystemTimeTable s && (s.asOf == null) == (asOf == null) && s.table.equals(table);
    }

    @Override
    int shapeHash() {
        return Objects.hash(table, asOf == null);
    }

    @Override
    Table stripValues() {
        return asOf == null ? this : new SystemTimeTable(table, asOf.stripped());
    }

    @Override
    public String toString() {
        return table + (asOf == null ? " FOR SYSTEM_TIME ALL" : " FOR SYSTEM_TIME AS OF ?");
    }
}
