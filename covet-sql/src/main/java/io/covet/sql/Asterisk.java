package io.covet.sql;

/**
 * {@code "t".*} (or a bare {@code *} when {@code table} is null) in a select list.
 *
 * @see Table#asterisk()
 */
public final class Asterisk implements SelectItem {
    private final Table table;

    Asterisk(Table table) {
        this.table = table;
    }

    void render(Ctx ctx) {
        if (table != null) {
            table.renderQualifier(ctx);
            ctx.sql('.');
        }
        ctx.sql('*');
    }

    Asterisk stripValues() {
        Table t = table == null ? null : table.stripValues();
        return t == table ? this : new Asterisk(t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Asterisk a && java.util.Objects.equals(table, a.table);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(table);
    }

    @Override
    public String toString() {
        return table == null ? "*" : table + ".*";
    }
}
