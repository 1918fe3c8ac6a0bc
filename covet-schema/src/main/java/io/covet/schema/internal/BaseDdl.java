package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Feature;
import io.covet.core.error.UnsupportedFeature;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** What the three engines render alike; each subclass overrides where its engine differs. */
public abstract class BaseDdl implements SchemaDdl {
    private static final Pattern KEYWORD_DEFAULT = Pattern.compile(
            "(?i)current_timestamp|current_date|current_time|true|false|null");
    protected final Dialect d;

    protected BaseDdl(Dialect dialect) {
        this.d = dialect;
    }

    @Override
    public Dialect dialect() {
        return d;
    }

    protected String q(String name) {
        return d.quote(name);
    }

    protected String cols(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            d.quoteInto(sb, n);
        }
        return sb.toString();
    }

    /** One column definition inside CREATE TABLE or ADD COLUMN. */
    protected abstract String columnSql(Table table, Column c);

    /**
     * The refusal of an array column on an engine without arrays (MariaDB, SQLite), naming the column when
     * {@code where} is given and the alternative.
     */
    protected UnsupportedFeature noArrays(String where, ColumnType t) {
        ColumnType e = t.elementType();
        return new UnsupportedFeature(d.engine(), "array column " + (where == null ? "" : where + " ") + "of type "
                + e + "[]", "Arrays are a PostgreSQL type: store the list in a JSON field (@Column(type = "
                + "FieldType.JSON) on the List), or in a table of its own with a foreign key to this one.");
    }

    @Override
    public List<String> createTable(Table t) {
        if (io.covet.schema.SystemVersioning.isVersioned(t) && d.family() != io.covet.core.engine.Engine.MARIADB) {
            throw io.covet.schema.SystemVersioning.unsupported(d.engine(), t.name());
        }
        if (t.partitioning() != null) {
            checkPartitioning(t);
        }
        List<String> parts = new ArrayList<>();
        for (Column c : t.columns()) {
            parts.add(columnSql(t, c));
        }
        if (!t.primaryKey().isEmpty() && !inlinePrimaryKey(t)) {
            parts.add("PRIMARY KEY (" + cols(t.primaryKey()) + ")");
        }
        for (UniqueConstraint u : t.uniques()) {
            parts.add("CONSTRAINT " + q(u.name()) + " UNIQUE (" + cols(u.columns()) + ")");
        }
        for (CheckConstraint c : t.checks()) {
            parts.add("CONSTRAINT " + q(c.name()) + " CHECK (" + c.expression() + ")");
        }
        for (ForeignKey f : t.foreignKeys()) {
            parts.add(fkSql(f));
        }
        List<String> out = new ArrayList<>();
        out.add("CREATE TABLE " + q(t.name()) + " (\n    " + String.join(",\n    ", parts) + "\n)");
        for (Index i : t.indexes()) {
            out.addAll(addIndex(t, i));
        }
        return out;
    }

    /**
     * Refuses a partitioned table this engine cannot create, before anything is rendered; the engines that
     * partition override it with their checks. By default (SQLite) partitioning is refused.
     */
    protected void checkPartitioning(Table t) {
        throw PartitionDdl.unsupported(d.engine(), t);
    }

    /** Whether the primary key is declared on its column (SQLite AUTOINCREMENT). */
    protected boolean inlinePrimaryKey(Table t) {
        return false;
    }

    protected String fkSql(ForeignKey f) {
        return "CONSTRAINT " + q(f.name()) + " FOREIGN KEY (" + cols(f.columns()) + ") REFERENCES " + q(f.refTable())
                + " (" + cols(f.refColumns()) + ") ON DELETE " + f.onDelete().sql();
    }

    @Override
    public List<String> dropTable(Table t) {
        return List.of("DROP TABLE " + q(t.name()));
    }

    @Override
    public List<String> renameTable(String from, String to) {
        return List.of("ALTER TABLE " + q(from) + " RENAME TO " + q(to));
    }

    @Override
    public List<String> addColumn(Table before, Table after, Column column, ColumnDefault oneOffDefault) {
        if (oneOffDefault == null) {
            return List.of("ALTER TABLE " + q(after.name()) + " ADD COLUMN " + columnSql(after, column));
        }
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + q(after.name()) + " ADD COLUMN " + columnSql(after, column.withDefault(oneOffDefault)));
        out.add(column.defaultValue() == null
                ? "ALTER TABLE " + q(after.name()) + " ALTER COLUMN " + q(column.name()) + " DROP DEFAULT"
                : "ALTER TABLE " + q(after.name()) + " ALTER COLUMN " + q(column.name()) + " SET DEFAULT "
                + defaultSql(column.type(), column.defaultValue()));
        return out;
    }

    @Override
    public List<String> dropColumn(Table before, Table after, String column) {
        return List.of("ALTER TABLE " + q(before.name()) + " DROP COLUMN " + q(column));
    }

    @Override
    public List<String> renameColumn(Table before, String from, String to) {
        return List.of("ALTER TABLE " + q(before.name()) + " RENAME COLUMN " + q(from) + " TO " + q(to));
    }

    @Override
    public List<String> addIndex(Table t, Index i) {
        if (i.where() != null && !d.supports(Feature.PARTIAL_INDEXES)) {
            throw new UnsupportedFeature(d.engine(), "partial index " + i.name(),
                    "Drop the WHERE clause, or enforce the condition in a unique constraint on a generated column.");
        }
        return List.of("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + q(i.name()) + " ON " + q(t.name())
                + " (" + cols(i.columns()) + ")" + (i.where() == null ? "" : " WHERE " + i.where()));
    }

    @Override
    public List<String> dropIndex(Table t, Index i) {
        return List.of("DROP INDEX " + q(i.name()));
    }

    /**
     * The foreign keys of {@code t} that only the index or unique constraint {@code dropped} (on
     * {@code droppedColumns}) can serve, on an engine where {@link Feature#FOREIGN_KEYS_NEED_INDEX foreign keys
     * need an index}: its columns begin with the key's and no other index, unique constraint or primary key of
     * {@code t} begins with them. The engine's own index for such a key is gone (it drops it once another index
     * covers the key), so dropping {@code dropped} alone fails; the key needs its index back first.
     */
    protected List<ForeignKey> keysOnlyServedBy(Table t, String dropped, List<String> droppedColumns) {
        if (!d.supports(Feature.FOREIGN_KEYS_NEED_INDEX)) {
            return List.of();
        }
        List<List<String>> others = new ArrayList<>();
        others.add(t.primaryKey());
        t.indexes().stream().filter(i -> !i.name().equals(dropped) && i.where() == null)
                .forEach(i -> others.add(i.columns()));
        t.uniques().stream().filter(u -> !u.name().equals(dropped)).forEach(u -> others.add(u.columns()));
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            if (startsWith(droppedColumns, f.columns()) && others.stream().noneMatch(o -> startsWith(o, f.columns()))) {
                out.add(f);
            }
        }
        return out;
    }

    private static boolean startsWith(List<String> columns, List<String> prefix) {
        return columns.size() >= prefix.size() && columns.subList(0, prefix.size()).equals(prefix);
    }

    @Override
    public List<String> addUnique(Table before, Table after, UniqueConstraint u) {
        return List.of("ALTER TABLE " + q(after.name()) + " ADD CONSTRAINT " + q(u.name()) + " UNIQUE ("
                + cols(u.columns()) + ")");
    }

    @Override
    public List<String> dropUnique(Table before, Table after, UniqueConstraint u) {
        return List.of("ALTER TABLE " + q(after.name()) + " DROP CONSTRAINT " + q(u.name()));
    }

    @Override
    public List<String> addCheck(Table before, Table after, CheckConstraint c) {
        return List.of("ALTER TABLE " + q(after.name()) + " ADD CONSTRAINT " + q(c.name()) + " CHECK ("
                + c.expression() + ")");
    }

    @Override
    public List<String> dropCheck(Table before, Table after, CheckConstraint c) {
        return List.of("ALTER TABLE " + q(after.name()) + " DROP CONSTRAINT " + q(c.name()));
    }

    @Override
    public List<String> addForeignKey(Table before, Table after, ForeignKey fk) {
        return List.of("ALTER TABLE " + q(after.name()) + " ADD " + fkSql(fk));
    }

    @Override
    public List<String> dropForeignKey(Table before, Table after, ForeignKey fk) {
        return List.of("ALTER TABLE " + q(after.name()) + " DROP CONSTRAINT " + q(fk.name()));
    }

    @Override
    public List<String> rebuild(Table before, Table after, Map<String, String> fill) {
        throw new UnsupportedFeature(d.engine(), "table rebuild", "Alter the table in place.");
    }

    /**
     * {@code CASE col WHEN 'old' THEN 'new' … ELSE col END}: the value of a column of an enum type after its labels
     * were renamed, as text ({@code colText} is the column read as text).
     */
    protected String renamed(String colText, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return colText;
        }
        StringBuilder sb = new StringBuilder("CASE ").append(colText);
        renames.forEach((from, to) -> sb.append(" WHEN ").append(stringLiteral(from)).append(" THEN ")
                .append(stringLiteral(to)));
        return sb.append(" ELSE ").append(colText).append(" END").toString();
    }

    /** The enum type {@code name} of {@code before} with {@code labels}, checked. */
    protected static ColumnType newEnum(Schema before, String name, List<String> labels) {
        if (!before.enumTypes().containsKey(name)) {
            throw new IllegalArgumentException("there is no enum type " + name + " in the schema");
        }
        return ColumnType.enumType(name, labels);
    }

    /**
     * The enum change done table by table where the engine keeps labels per column: each column first takes the
     * union of old and new labels when rows must be renamed, the rows are renamed, then the columns take the new
     * labels; {@code retype} renders one table's change from {@code before} to {@code after}.
     */
    protected List<String> alterEnumByTable(Schema before, String name, List<String> labels,
                                            Map<String, String> renames,
                                            java.util.function.BiFunction<Table, Table, List<String>> retype) {
        ColumnType target = newEnum(before, name, labels);
        List<String> union = new ArrayList<>(before.enumTypes().get(name));
        labels.stream().filter(l -> !union.contains(l)).forEach(union::add);
        ColumnType wide = ColumnType.enumType(name, union);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : before.columnsOfEnum(name).entrySet()) {
            Table t = before.require(e.getKey());
            Table done = before.withEnumType(name, target).require(t.name());
            if (renames.isEmpty()) {
                out.addAll(retype.apply(t, done));
                continue;
            }
            Table mid = before.withEnumType(name, wide).require(t.name());
            out.addAll(retype.apply(t, mid));
            for (String col : e.getValue()) {
                out.add("UPDATE " + q(t.name()) + " SET " + q(col) + " = " + renamed(q(col), renames) + " WHERE "
                        + q(col) + " IN (" + String.join(", ", renames.keySet().stream().map(this::stringLiteral)
                        .toList()) + ")");
            }
            out.addAll(retype.apply(mid, done));
        }
        return out;
    }

    @Override
    public String defaultSql(ColumnType type, ColumnDefault v) {
        if (v.expression()) {
            String e = v.text().strip();
            return KEYWORD_DEFAULT.matcher(e).matches() ? e.toUpperCase(Locale.ROOT) : "(" + e + ")";
        }
        if (type.kind().numeric()) {
            try {
                return new BigDecimal(v.text().strip()).toPlainString();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("default '" + v.text() + "' is not a number, but the column is "
                        + type);
            }
        }
        if (type.kind() == ColumnType.Kind.BOOLEAN) {
            return booleanSql(Values.parseBoolean(v.text()));
        }
        return stringLiteral(v.text());
    }

    protected String booleanSql(boolean b) {
        return b ? "1" : "0";
    }

    protected String stringLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * {@code GENERATED ALWAYS AS (expr) <word>} for a generated column, where {@code word} is the engine's word for
     * stored or virtual. A generated column takes no default and no NOT NULL (MariaDB refuses both), so it always
     * reads back as nullable.
     */
    protected String generatedClause(Column c, String storedWord, String virtualWord) {
        return " GENERATED ALWAYS AS (" + c.generated().expression() + ") "
                + (c.generated().stored() ? storedWord : virtualWord);
    }

    /**
     * Whether {@code column} changed between plain and generated or changed its generation: no engine alters
     * that in place, so the column is dropped and added again ({@link #regenerate}).
     */
    protected static boolean generationChanged(Table before, Table after, String column) {
        return !Objects.equals(before.requireColumn(column).generated(), after.requireColumn(column).generated());
    }

    /**
     * The column dropped and added again with its new definition (a generated column's values are recomputed).
     * The indexes and unique constraints over it are dropped first and created again after, as engines differ in
     * what dropping a column does to them (PostgreSQL drops them, MariaDB narrows a multi-column one).
     */
    protected List<String> regenerate(Table before, Table after, String column) {
        List<String> out = new ArrayList<>();
        Table t = before;
        for (Index i : before.indexes()) {
            if (i.columns().contains(column)) {
                out.addAll(dropIndex(t, i));
                t = t.without(i.name());
            }
        }
        for (UniqueConstraint u : before.uniques()) {
            if (u.columns().contains(column)) {
                out.addAll(dropUnique(t, t.without(u.name()), u));
                t = t.without(u.name());
            }
        }
        Table without = t.withoutColumn(column);
        out.addAll(dropColumn(t, without, column));
        Table added = without.withColumn(after.requireColumn(column));
        out.addAll(addColumn(without, added, after.requireColumn(column), null));
        for (UniqueConstraint u : after.uniques()) {
            if (u.columns().contains(column)) {
                Table next = added.withUnique(u);
                out.addAll(addUnique(added, next, u));
                added = next;
            }
        }
        for (Index i : after.indexes()) {
            if (i.columns().contains(column)) {
                out.addAll(addIndex(after, i));
            }
        }
        return out;
    }

    /** {@code DEFAULT x} or empty. */
    protected String defaultClause(Column c) {
        return c.defaultValue() == null ? "" : " DEFAULT " + defaultSql(c.type(), c.defaultValue());
    }
}
