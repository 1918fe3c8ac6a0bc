package io.covet.sql;

import java.util.Objects;

/**
 * A common table expression: a named query in a WITH clause, used like a table. Declare the name, define it with
 * {@link #as(Select)} (a recursive query may select from the undefined name itself), and pass the definition to
 * {@link Sql#with(Cte...)} or {@link Sql#withRecursive(Cte...)}:
 *
 * <pre>{@code
 * Cte tree = Sql.cte("tree");
 * Field<Integer> depth = Sql.val(0).as("depth");
 * Column<Long> treeId = tree.field(CATEGORY.ID);
 * Column<Integer> treeDepth = tree.field(depth);
 * Cte walk = tree.as(Sql.select(CATEGORY.ID, depth).from(CATEGORY).where(CATEGORY.PARENT_ID.isNull())
 *         .unionAll(Sql.select(CATEGORY.ID, treeDepth.plus(1))
 *                 .from(CATEGORY).join(tree, CATEGORY.PARENT_ID.eq(treeId))));
 * Sql.withRecursive(walk).select(treeId, treeDepth).from(tree).fetch(db);
 * }</pre>
 *
 * Immutable. Its columns are named by the select list of its query (the first operand of a UNION).
 */
public final class Cte extends Table {
    private final Select query;

    Cte(String name, String alias, Select query) {
        super(null, name, alias);
        this.query = query;
    }

    /** This CTE's definition: {@code "name" AS (query)}. */
    public Cte as(Select query) {
        return new Cte(name(), alias(), Objects.requireNonNull(query, "query"));
    }

    /** A reference to this CTE under an alias, e.g. to join it with itself. */
    @Override
    public Cte as(String alias) {
        return new Cte(name(), alias, query);
    }

    /**
     * The column of this CTE that exposes {@code inner}, a field of its select list (a column, or an expression
     * given an alias with {@link Field#as(String)}).
     */
    public <T> Column<T> field(Field<T> inner) {
        return new ColumnImpl<>(this, DerivedTable.outputName(inner), inner.type());
    }

    void renderDefinition(Ctx ctx) {
        if (query == null) {
            throw new IllegalStateException("the CTE \"" + name() + "\" has no query; pass cte.as(select) to with()");
        }
        ctx.id(name()).sql(" AS ");
        query.renderNested(ctx);
    }

    @Override
    boolean plain() {
        return false;
    }

    @Override
    boolean sameShape(Table other) {
        return other instanceof Cte c && c.name().equals(name()) && Objects.equals(c.alias(), alias())
                && Objects.equals(c.query, query);
    }

    @Override
    int shapeHash() {
        return Objects.hash(name(), alias(), query);
    }

    @Override
    Table stripValues() {
        Select s = query == null ? null : query.stripValues();
        return s == query ? this : new Cte(name(), alias(), s);
    }
}
