package io.covet.sql;


import java.util.Objects;

/**
 * A table with an index hint. MariaDB writes it after the alias ({@code USE INDEX (`i`)} / {@code FORCE INDEX}),
 * SQLite too ({@code INDEXED BY "i"}); PostgreSQL has no planner hints, so the table renders without one.
 */
final class HintedTable extends Table {
    enum Kind { USE, FORCE }

    private final Table table;
    private final Kind kind;
    private final String index;

    HintedTable(Table table, Kind kind, String index) {
        super(table.schema(), table.name(), table.alias());
        this.table = table;
        this.kind = kind;
        this.index = index;
    }

    @Override
    public Table as(String alias) {
        return new HintedTable(table.as(alias), kind, index);
    }

    @Override
    void renderDeclaration(Ctx ctx) {
        table.renderDeclaration(ctx);
        switch (ctx.family()) {
            case MARIADB -> ctx.sql(kind == Kind.USE ? " USE INDEX (" : " FORCE INDEX (").id(index).sql(')');
            case SQLITE -> ctx.sql(" INDEXED BY ").id(index);
            default -> {
                // PostgreSQL: no hints; the planner decides.
            }
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
        return other instanceof HintedTable h && h.kind == kind && h.index.equals(index) && h.table.equals(table);
    }

    @Override
    int shapeHash() {
        return Objects.hash(table, kind, index);
    }

    @Override
    Table stripValues() {
        Table t = table.stripValues();
        return t == table ? this : new HintedTable(t, kind, index);
    }

    @Override
    public String toString() {
        return table + " " + kind + " INDEX " + index;
    }
}
