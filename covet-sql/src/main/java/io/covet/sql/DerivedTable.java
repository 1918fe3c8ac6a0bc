package io.covet.sql;

import io.covet.core.engine.Engine;
import io.covet.core.dialect.Feature;

import java.util.Objects;

/**
 * A subquery in FROM: {@code (SELECT …) AS "alias"}, made by {@link Select#asTable(String)}. Its columns are
 * reached through the inner query's fields: {@code d.field(ORDERS.TOTAL)} renders {@code "d"."total"}.
 * Immutable.
 */
public final class DerivedTable extends Table {
    private final Select query;
    private final boolean lateral;

    DerivedTable(Select query, String alias, boolean lateral) {
        super(null, alias, null);
        this.query = Objects.requireNonNull(query, "query");
        this.lateral = lateral;
    }

    /**
     * The column of this derived table that exposes {@code inner}, a field of the inner select list (a column,
     * or an expression given an alias with {@link Field#as(String)}).
     *
     * @throws IllegalArgumentException when {@code inner} has no name to expose
     */
    public <T> Column<T> field(Field<T> inner) {
        return new ColumnImpl<>(this, outputName(inner), inner.type());
    }

    static String outputName(Field<?> inner) {
        String name = ((FieldNode<?>) inner).outputName();
        if (name == null) {
            throw new IllegalArgumentException("the expression " + inner + " has no name in the subquery; give it "
                    + "one with .as(\"name\") in the select list and pass that aliased field");
        }
        return name;
    }

    /**
     * This derived table as {@code LATERAL (…)}, which may refer to the tables before it in FROM. PostgreSQL and
     * MySQL 8.0.14+; MariaDB and SQLite refuse it (use a correlated scalar subquery in the select list instead).
     */
    @Supports(value = Engine.POSTGRESQL, note = "also MySQL 8.0.14+")
    public DerivedTable lateral() {
        return new DerivedTable(query, name(), true);
    }

    /** The same subquery under another alias. */
    @Override
    public DerivedTable as(String alias) {
        return new DerivedTable(query, alias, lateral);
    }

    @Override
    void renderDeclaration(Ctx ctx) {
        if (lateral) {
            if (!ctx.supports(Feature.LATERAL)) {
                throw ctx.unsupported("LATERAL", "Use a correlated scalar subquery in the select list, or join a "
                        + "grouped derived table on its key.");
            }
            ctx.sql("LATERAL ");
        }
        query.renderNested(ctx);
        ctx.sql(" AS ").id(name());
    }

    @Override
    void renderQualifier(Ctx ctx) {
        ctx.id(name());
    }

    @Override
    boolean plain() {
        return false;
    }

    @Override
    boolean sameShape(Table other) {
        return other instanceof DerivedTable d && d.lateral == lateral && d.name().equals(name())
                && d.query.equals(query);
    }

    @Override
    int shapeHash() {
        return Objects.hash(name(), lateral, query);
    }

    @Override
    Table stripValues() {
        Select s = query.stripValues();
        return s == query ? this : new DerivedTable(s, name(), lateral);
    }
}
