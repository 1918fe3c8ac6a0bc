package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Index;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.List;
import java.util.Map;

/** MariaDB/MySQL DDL: MODIFY COLUMN with the full definition, DROP INDEX … ON, DROP FOREIGN KEY. */
public final class MariaDbDdl extends BaseDdl {
    public MariaDbDdl(Dialect dialect) {
        super(dialect);
    }

    @Override
    public String typeSql(ColumnType t) {
        return switch (t.kind()) {
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INT";
            case BIGINT -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + t.precision() + "," + t.scale() + ")";
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case CHAR -> "CHAR(" + t.length() + ")";
            case VARCHAR -> "VARCHAR(" + t.length() + ")";
            case TEXT -> "LONGTEXT";
            case BYTES -> "LONGBLOB";
            case DATE -> "DATE";
            case TIME -> "TIME(6)";
            // MariaDB has no zone-aware timestamp: both map to DATETIME(6) (see SchemaComparison).
            case TIMESTAMP, TIMESTAMPTZ -> "DATETIME(6)";
            // Not MariaDB's UUID type: it refuses some values java.util.UUID holds (10.11 rejects
            // 3634fd4b-664f-ca73-3931-49b478c9f887), sorts them in another order than the text, and MySQL lacks it.
            case UUID -> "CHAR(36)";
            case JSON -> "JSON";
            case RAW -> t.raw();
            case ENUM -> "ENUM(" + t.labelList() + ")";
            case ARRAY -> throw noArrays(null, t);
        };
    }

    @Override
    protected String columnSql(Table table, Column c) {
        if (io.covet.schema.SystemVersioning.isPeriodColumn(c)) {
            return MariaDbVersioning.columnSql(this::q, c);
        }
        if (c.type().kind() == ColumnType.Kind.ARRAY) {
            throw noArrays(table.name() + "." + c.name(), c.type());
        }
        if (c.generated() != null) {
            return q(c.name()) + " " + typeSql(c.type()) + generatedClause(c, "PERSISTENT", "VIRTUAL");
        }
        return q(c.name()) + " " + typeSql(c.type()) + (c.nullable() ? " NULL" : " NOT NULL") + defaultClause(c)
                + (c.autoIncrement() ? " AUTO_INCREMENT" : "");
    }

    @Override
    protected String fkSql(ForeignKey f) {
        if (f.onDelete() == io.covet.schema.OnDelete.SET_DEFAULT) {
            // InnoDB accepts the clause and silently keeps NO ACTION, so the schema would not be what was asked.
            throw new io.covet.core.error.UnsupportedFeature(d.engine(), "ON DELETE SET DEFAULT (foreign key "
                    + f.name() + ")", "Use ON DELETE SET NULL or CASCADE, or let Covet set the default: "
                    + "@ForeignKey(onDelete = OnDelete.SET_DEFAULT) without a database rule.");
        }
        return super.fkSql(f);
    }

    @Override
    protected String stringLiteral(String s) {
        // MariaDB reads backslash escapes inside literals unless NO_BACKSLASH_ESCAPES is set.
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public List<String> renameTable(String from, String to) {
        return List.of("RENAME TABLE " + q(from) + " TO " + q(to));
    }

    @Override
    public List<String> alterColumn(Table before, Table after, String column) {
        if (generationChanged(before, after, column)) {
            return MariaDbVersioning.keep(before, regenerate(before, after, column));
        }
        return MariaDbVersioning.keep(before, List.of("ALTER TABLE " + q(after.name()) + " MODIFY COLUMN " + columnSql(after,
                after.requireColumn(column))));
    }

    @Override
    public List<String> alterEnumType(Schema before, String name, List<String> labels, Map<String, String> renames) {
        // MODIFY converts each row's label by its text, and strict mode refuses a label the new list lacks; but
        // DDL commits as it goes here, so rows holding a removed label are looked for first, before any change
        List<String> removed = before.enumTypes().getOrDefault(name, List.of()).stream()
                .filter(l -> !labels.contains(l) && !renames.containsKey(l)).toList();
        List<String> out = new java.util.ArrayList<>();
        if (!removed.isEmpty()) {
            String gone = String.join(", ", removed.stream().map(this::stringLiteral).toList());
            StringBuilder sb = new StringBuilder("BEGIN NOT ATOMIC");
            before.columnsOfEnum(name).forEach((table, cols) -> cols.forEach(col -> sb.append(" IF EXISTS (SELECT 1 FROM ")
                    .append(q(table)).append(" WHERE ").append(q(col)).append(" IN (").append(gone).append(")) THEN ")
                    .append("SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = ").append(stringLiteral(cut("rows of " + table
                            + "." + col + " hold the label(s) " + removed + " that enum type " + name + " loses; "
                            + "update or delete them first")))
                    .append("; END IF;")));
            out.add(sb.append(" END").toString());
        }
        out.addAll(alterEnumByTable(before, name, labels, renames, (from, to) -> {
            List<String> modify = new java.util.ArrayList<>();
            for (Column c : to.columns()) {
                if (name.equals(c.type().enumName())) {
                    modify.addAll(alterColumn(from, to, c.name()));
                }
            }
            return modify;
        }));
        return out;
    }

    /** SIGNAL's message holds at most 512 characters. */
    private static String cut(String message) {
        return message.length() <= 500 ? message : message.substring(0, 497) + "...";
    }

    /**
     * A unique index over the rows where {@code <column> IS NULL} (a soft-delete table's live rows): MariaDB has no
     * partial indexes, so an invisible generated column holds 1 for such a row and NULL otherwise, and the unique
     * index covers it too; NULLs never collide, so only rows with NULL in {@code <column>} are held unique. Other
     * partial indexes are refused as before.
     */
    @Override
    public List<String> addIndex(Table t, Index i) {
        String column = LiveRows.column(i);
        if (column == null) {
            return MariaDbVersioning.keep(t, super.addIndex(t, i));
        }
        String flag = LiveRows.flagColumn(column);
        return List.of("ALTER TABLE " + q(t.name()) + " ADD COLUMN IF NOT EXISTS " + q(flag) + " TINYINT AS (IF("
                        + q(column) + " IS NULL, 1, NULL)) VIRTUAL INVISIBLE",
                "CREATE UNIQUE INDEX " + q(i.name()) + " ON " + q(t.name()) + " (" + cols(i.columns()) + ", "
                        + q(flag) + ")");
    }

    @Override
    public List<String> dropIndex(Table t, Index i) {
        String column = LiveRows.column(i);
        if (column != null) {
            // the generated column goes with the last index using it, so that its source column can be dropped
            boolean shared = t.indexes().stream().anyMatch(o -> !o.name().equals(i.name())
                    && column.equals(LiveRows.column(o)));
            String drop = "DROP INDEX " + q(i.name()) + " ON " + q(t.name());
            return shared ? List.of(drop) : List.of(drop, "ALTER TABLE " + q(t.name()) + " DROP COLUMN IF EXISTS "
                    + q(LiveRows.flagColumn(column)));
        }
        List<ForeignKey> keys = keysOnlyServedBy(t, i.name(), i.columns());
        return MariaDbVersioning.keep(t, keys.isEmpty() ? List.of("DROP INDEX " + q(i.name()) + " ON " + q(t.name()))
                : List.of(dropIndexKeeping(t.name(), i.name(), keys)));
    }

    @Override
    public List<String> dropUnique(Table before, Table after, UniqueConstraint u) {
        return MariaDbVersioning.keep(before, List.of(dropIndexKeeping(after.name(), u.name(),
                keysOnlyServedBy(before, u.name(), u.columns()))));
    }

    /**
     * Drops an index and, in the same statement, gives each key that needs it an index of its own, named after
     * the key as InnoDB names the one it creates (so the reader hides it and dropping the key drops it too).
     * "IF NOT EXISTS": InnoDB may have kept its own index under that name.
     */
    private String dropIndexKeeping(String table, String index, List<ForeignKey> keys) {
        StringBuilder sb = new StringBuilder("ALTER TABLE " + q(table) + " DROP INDEX " + q(index));
        for (ForeignKey f : keys) {
            sb.append(", ADD INDEX IF NOT EXISTS ").append(q(f.name())).append(" (").append(cols(f.columns()))
                    .append(")");
        }
        return sb.toString();
    }

    @Override
    public List<String> dropForeignKey(Table before, Table after, ForeignKey fk) {
        // MariaDB creates an index named after the key when none covers its columns, and keeps it afterwards.
        return MariaDbVersioning.keep(before, List.of("ALTER TABLE " + q(after.name()) + " DROP FOREIGN KEY "
                + q(fk.name()), "DROP INDEX IF EXISTS " + q(fk.name()) + " ON " + q(after.name())));
    }

    // System-versioned tables (SystemVersioning): the period in CREATE TABLE, and every ALTER allowed by the
    // session setting MariaDB requires (MariaDbVersioning.keep).

    @Override
    public List<String> createTable(Table t) {
        return PartitionDdl.mariadb(this::q, t, MariaDbVersioning.create(this::q, t, super.createTable(t)));
    }

    @Override
    public List<String> addPartition(Table t, io.covet.schema.Partitioning.Partition p) {
        return PartitionDdl.mariadbAdd(this::q, t, p);
    }

    @Override
    public List<String> dropPartition(Table t, io.covet.schema.Partitioning.Partition p) {
        return PartitionDdl.mariadbDrop(this::q, t, p);
    }

    @Override
    protected void checkPartitioning(Table t) {
        PartitionDdl.validate(io.covet.core.engine.Engine.MARIADB, t);
    }

    @Override
    public List<String> addSystemVersioning(Table before, Table after) {
        return MariaDbVersioning.add(this::q, after);
    }

    @Override
    public List<String> dropSystemVersioning(Table before, Table after) {
        return MariaDbVersioning.drop(this::q, before);
    }

    @Override
    public List<String> addColumn(Table before, Table after, Column column, io.covet.schema.ColumnDefault oneOff) {
        return MariaDbVersioning.keep(before, super.addColumn(before, after, column, oneOff));
    }

    @Override
    public List<String> dropColumn(Table before, Table after, String column) {
        return MariaDbVersioning.keep(before, super.dropColumn(before, after, column));
    }

    @Override
    public List<String> renameColumn(Table before, String from, String to) {
        return MariaDbVersioning.keep(before, super.renameColumn(before, from, to));
    }

    @Override
    public List<String> addUnique(Table before, Table after, UniqueConstraint u) {
        return MariaDbVersioning.keep(before, super.addUnique(before, after, u));
    }

    @Override
    public List<String> addCheck(Table before, Table after, io.covet.schema.CheckConstraint c) {
        return MariaDbVersioning.keep(before, super.addCheck(before, after, c));
    }

    @Override
    public List<String> dropCheck(Table before, Table after, io.covet.schema.CheckConstraint c) {
        return MariaDbVersioning.keep(before, super.dropCheck(before, after, c));
    }

    @Override
    public List<String> addForeignKey(Table before, Table after, ForeignKey fk) {
        return MariaDbVersioning.keep(before, super.addForeignKey(before, after, fk));
    }

    @Override
    public HistoryTriggers historyTriggers() {
        return new MariaDbHistoryTriggers(dialect());
    }
}
