package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Index;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQLite DDL. SQLite alters little in place (ADD/RENAME COLUMN, RENAME TABLE); every other change is the
 * documented rebuild: create the new table under a temporary name, copy the rows, drop the old table, rename
 * the new one, recreate its indexes. Run with {@code PRAGMA foreign_keys=OFF} and a
 * {@code foreign_key_check} before commit (the executor does).
 */
public final class SqliteDdl extends BaseDdl {
    public SqliteDdl(Dialect dialect) {
        super(dialect);
    }

    @Override
    public String typeSql(ColumnType t) {
        return switch (t.kind()) {
            case DECIMAL -> "DECIMAL(" + t.precision() + "," + t.scale() + ")";
            case CHAR -> "CHAR(" + t.length() + ")";
            case VARCHAR -> "VARCHAR(" + t.length() + ")";
            case BYTES -> "BLOB";
            case RAW -> t.raw();
            // SQLite has no enum type: text, with the labels checked on the column (columnSql)
            case ENUM -> "TEXT";
            // A column declared JSON would have NUMERIC affinity and turn a document such as 12345678901234567890
            // into a rounded REAL; the word TEXT gives it TEXT affinity, and JSON tells introspection the kind.
            case JSON -> "JSON TEXT";
            case ARRAY -> throw noArrays(null, t);
            // SQLite keeps the declared name; spelling the portable kind lets introspection read it back exactly.
            default -> t.kind().name();
        };
    }

    @Override
    protected boolean inlinePrimaryKey(Table t) {
        return t.columns().stream().anyMatch(Column::autoIncrement);
    }

    @Override
    protected String columnSql(Table table, Column c) {
        if (c.type().kind() == ColumnType.Kind.ARRAY) {
            throw noArrays(table.name() + "." + c.name(), c.type());
        }
        if (c.autoIncrement()) {
            // Only an INTEGER PRIMARY KEY aliases the rowid, which is what makes SQLite assign values.
            return q(c.name()) + " INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT";
        }
        if (c.generated() != null) {
            return q(c.name()) + " " + typeSql(c.type()) + generatedClause(c, "STORED", "VIRTUAL");
        }
        return q(c.name()) + " " + typeSql(c.type()) + (c.nullable() ? "" : " NOT NULL") + defaultClause(c)
                + (c.type().kind() == ColumnType.Kind.ENUM ? " CHECK (" + q(c.name()) + " IN ("
                + c.type().labelList() + "))" : "");
    }

    @Override
    public List<String> alterEnumType(Schema before, String name, List<String> labels, Map<String, String> renames) {
        // the labels are checked on each column, so each table using the type is rebuilt with the new check
        return alterEnumByTable(before, name, labels, renames, (from, to) -> rebuild(from, to, Map.of()));
    }

    @Override
    public List<String> addColumn(Table before, Table after, Column column, ColumnDefault oneOffDefault) {
        // SQLite adds a VIRTUAL generated column in place but a STORED one only by rebuilding the table
        boolean inPlace = oneOffDefault == null && !column.autoIncrement()
                && (column.generated() == null || !column.generated().stored())
                && (column.nullable() || column.defaultValue() != null || column.generated() != null)
                && after.foreignKeys().stream().noneMatch(f -> f.columns().contains(column.name()));
        if (inPlace) {
            return List.of("ALTER TABLE " + q(after.name()) + " ADD COLUMN " + columnSql(after, column));
        }
        ColumnDefault fill = oneOffDefault != null ? oneOffDefault : column.defaultValue();
        return rebuild(before, after, fill == null ? Map.of() : Map.of(column.name(), defaultSql(column.type(), fill)));
    }

    @Override
    public List<String> dropColumn(Table before, Table after, String column) {
        return rebuild(before, after, Map.of());
    }

    @Override
    public List<String> alterColumn(Table before, Table after, String column) {
        return rebuild(before, after, Map.of());
    }

    @Override
    public List<String> addUnique(Table before, Table after, UniqueConstraint u) {
        return rebuild(before, after, Map.of());
    }

    @Override
    public List<String> dropUnique(Table before, Table after, UniqueConstraint u) {
        return rebuild(before, after, Map.of());
    }

    @Override
    public List<String> addCheck(Table before, Table after, CheckConstraint c) {
        return rebuild(before, after, Map.of());
    }

    @Override
    public List<String> dropCheck(Table before, Table after, CheckConstraint c) {
        return rebuild(before, after, Map.of());
    }

    @Override
    public List<String> addForeignKey(Table before, Table after, ForeignKey fk) {
        return rebuild(before, after, Map.of());
    }

    @Override
    public List<String> dropForeignKey(Table before, Table after, ForeignKey fk) {
        return rebuild(before, after, Map.of());
    }

    @Override
    public List<String> rebuild(Table before, Table after, Map<String, String> fill) {
        String tmp = REBUILD_PREFIX + after.name();
        List<String> out = new ArrayList<>();
        Table temp = after.withName(tmp);
        List<String> create = createTable(new Table(tmp, temp.columns(), temp.primaryKey(), temp.uniques(),
                temp.checks(), List.of(), temp.foreignKeys()));
        out.addAll(create);
        List<String> into = new ArrayList<>();
        List<String> from = new ArrayList<>();
        for (Column c : after.columns()) {
            if (c.generated() != null) {
                continue; // computed by the new table itself; SQLite refuses values for it
            }
            if (before.column(c.name()).isPresent()) {
                into.add(q(c.name()));
                from.add(q(c.name()));
            } else if (fill.containsKey(c.name())) {
                into.add(q(c.name()));
                from.add(fill.get(c.name()));
            }
        }
        out.add("INSERT INTO " + q(tmp) + " (" + String.join(", ", into) + ") SELECT " + String.join(", ", from)
                + " FROM " + q(before.name()));
        out.add("DROP TABLE " + q(before.name()));
        out.add("ALTER TABLE " + q(tmp) + " RENAME TO " + q(after.name()));
        for (Index i : after.indexes()) {
            out.addAll(addIndex(after, i));
        }
        return out;
    }

    @Override
    public HistoryTriggers historyTriggers() {
        return new SqliteHistoryTriggers(dialect());
    }
}
