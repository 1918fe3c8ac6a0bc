package io.covet.sql;

import java.util.Objects;

/**
 * A table (or view) and its typed columns. Subclass it once per table, the way generated metamodels do:
 *
 * <pre>{@code
 * public final class Users extends Table {
 *     public static final Users USERS = new Users(null);
 *
 *     public final Column<Long> ID = column("id", Long.class);
 *     public final Column<String> EMAIL = column("email", String.class);
 *
 *     private Users(String alias) { super(null, "users", alias); }
 *
 *     @Override public Users as(String alias) { return new Users(alias); }
 * }
 *
 * Users u = Users.USERS.as("u");        // "users" AS "u"; u.EMAIL renders "u"."email"
 * }</pre>
 *
 * <p>Immutable. Names are validated and quoted for the engine when a query is rendered, so an invalid name fails
 * with {@link io.covet.core.dialect.InvalidIdentifierException} before anything is sent. Two tables are equal when
 * they render the same (schema, name and alias).
 */
public abstract class Table {
    private final String schema;
    private final String name;
    private final String alias;

    /** A table in the connection's default schema, without alias. */
    protected Table(String name) {
        this(null, name, null);
    }

    /**
     * @param schema the schema (PostgreSQL), database (MariaDB) or attached database (SQLite); null for the
     *               connection's default
     * @param name   the table name
     * @param alias  the alias in queries; null for none
     */
    protected Table(String schema, String name, String alias) {
        this.schema = schema;
        this.name = Objects.requireNonNull(name, "table name");
        this.alias = alias;
    }

    /**
     * This table under an alias, with every column qualified by it; needed for self-joins. Subclasses return
     * their own type, built with their alias constructor.
     */
    public abstract Table as(String alias);

    /** Declares a typed column of this table; call it in field initialisers of the subclass. */
    protected final <T> Column<T> column(String name, Class<T> type) {
        return new ColumnImpl<>(this, name, type);
    }

    /**
     * Declares a typed column of a native type (a PostgreSQL enum, domain, {@code tsvector}, array…): a string or
     * enum it is compared with is bound as {@link io.covet.core.NativeText}, which PostgreSQL converts to the
     * column's type where it would refuse a {@code varchar}.
     */
    protected final <T> Column<T> nativeColumn(String name, Class<T> type) {
        return new ColumnImpl<>(this, name, type, true);
    }

    /**
     * Declares a PostgreSQL array column whose values are lists: a list it is given or compared with is bound as an
     * {@link io.covet.core.SqlArray} of {@code elementType} (the driver's name of the element type: {@code int4},
     * {@code text}, {@code varchar}, …), and {@link Column#arrayContains}/{@link Column#arrayOverlaps} apply.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected final <E> Column<java.util.List<E>> arrayColumn(String name, String elementType) {
        return new ColumnImpl(this, name, java.util.List.class, false, Objects.requireNonNull(elementType, "elementType"));
    }

    /** The table name, unquoted. */
    public final String name() {
        return name;
    }

    /** The schema, or null for the connection's default. */
    public final String schema() {
        return schema;
    }

    /** The alias, or null when the table has none. */
    public final String alias() {
        return alias;
    }

    /** {@code "t".*}: every column of this table in a select list. */
    public final SelectItem asterisk() {
        return new Asterisk(this);
    }

    /**
     * This table with an index hint: MariaDB/MySQL {@code USE INDEX (idx)}, SQLite {@code INDEXED BY idx}.
     * PostgreSQL has no hints and renders the table unchanged (a documented no-op). On SQLite the hint is
     * binding: the query fails if the index cannot be used.
     */
    public Table useIndex(String index) {
        return new HintedTable(this, HintedTable.Kind.USE, Objects.requireNonNull(index, "index"));
    }

    /**
     * This table with a forced index: MariaDB/MySQL {@code FORCE INDEX (idx)}, SQLite {@code INDEXED BY idx},
     * PostgreSQL unchanged (no-op).
     */
    public Table forceIndex(String index) {
        return new HintedTable(this, HintedTable.Kind.FORCE, Objects.requireNonNull(index, "index"));
    }

    /**
     * This system-versioned table as it was at {@code instant} (MariaDB {@code FOR SYSTEM_TIME AS OF TIMESTAMP},
     * the instant bound as a parameter, exact to the microsecond). Other engines refuse it when rendered with an
     * {@link io.covet.core.error.UnsupportedFeature}.
     */
    @Supports(value = io.covet.core.engine.Engine.MARIADB, note = "system-versioned tables")
    public Table forSystemTimeAsOf(java.time.Instant instant) {
        java.math.BigDecimal epoch = java.math.BigDecimal.valueOf(instant.getEpochSecond())
                .add(java.math.BigDecimal.valueOf(instant.getNano() / 1000, 6));
        return new SystemTimeTable(this, Param.of(epoch, java.math.BigDecimal.class));
    }

    /** Every version of this system-versioned table, current and past (MariaDB {@code FOR SYSTEM_TIME ALL}). */
    @Supports(value = io.covet.core.engine.Engine.MARIADB, note = "system-versioned tables")
    public Table forSystemTimeAll() {
        return new SystemTimeTable(this, null);
    }

    /**
     * The query this table is read through instead of its name, or null (the default) for a named table. A
     * subclass returns one for a table whose rows are made by a query (the ORM's multi-table inheritance: a child
     * model's own table joined to its parent's); FROM and JOIN then write {@code (query) AS "alias"} (the table's
     * alias, else its name), so that its columns are the query's output columns of those names. Such a table is
     * read-only: UPDATE and DELETE refuse it.
     */
    protected Select readSource() {
        return null;
    }

    /** Writes the table as a FROM item: {@code "schema"."name" AS "alias"}. */
    void renderDeclaration(Ctx ctx) {
        Select source = readSource();
        if (source != null) {
            source.renderNested(ctx);
            ctx.sql(" AS ").id(alias != null ? alias : name);
            return;
        }
        renderName(ctx);
        if (alias != null) {
            ctx.sql(" AS ").id(alias);
        }
    }

    /** Writes the table's name without alias. */
    void renderName(Ctx ctx) {
        if (plain()) {
            ctx.table(schema, name);
        }
        if (schema != null) {
            ctx.id(schema).sql('.');
        }
        ctx.id(name);
    }

    /** Writes what qualifies its columns: the alias, or the (schema-qualified) name. */
    void renderQualifier(Ctx ctx) {
        if (alias != null) {
            ctx.id(alias);
        } else {
            renderName(ctx);
        }
    }

    /** Whether this is a plain named table (not derived, CTE or hinted); those override {@link #sameShape}. */
    boolean plain() {
        return true;
    }

    /** Whether {@code other} renders exactly like this table. */
    boolean sameShape(Table other) {
        return other.plain() && name.equals(other.name) && Objects.equals(schema, other.schema)
                && Objects.equals(alias, other.alias);
    }

    int shapeHash() {
        return Objects.hash(schema, name, alias);
    }

    /** This table without bound values, for render-cache keys; plain tables hold none. */
    Table stripValues() {
        return this;
    }

    @Override
    public final boolean equals(Object o) {
        return o == this || (o instanceof Table t && sameShape(t) && t.sameShape(this));
    }

    @Override
    public final int hashCode() {
        return shapeHash();
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema + ".") + name + (alias == null ? "" : " AS " + alias);
    }
}
