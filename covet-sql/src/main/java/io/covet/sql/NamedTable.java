package io.covet.sql;

/** A table named at run time through {@link Sql#table(String)}: the explicit raw form, without typed columns. */
final class NamedTable extends Table {
    NamedTable(String schema, String name, String alias) {
        super(schema, name, alias);
    }

    @Override
    public NamedTable as(String alias) {
        return new NamedTable(schema(), name(), alias);
    }
}
