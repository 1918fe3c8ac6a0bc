package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.core.error.UnsupportedFeature;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Schema;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** PostgreSQL DDL: identity columns, ALTER COLUMN … TYPE … USING, transactional DDL. */
public final class PostgresDdl extends BaseDdl {
    public PostgresDdl(Dialect dialect) {
        super(dialect);
    }

    @Override
    public List<String> createTable(Table t) {
        return PartitionDdl.postgres(this::q, t, super.createTable(t));
    }

    @Override
    public List<String> addPartition(Table t, io.covet.schema.Partitioning.Partition p) {
        return PartitionDdl.postgresAdd(this::q, t, p);
    }

    @Override
    public List<String> dropPartition(Table t, io.covet.schema.Partitioning.Partition p) {
        return PartitionDdl.postgresDrop(this::q, t, p);
    }

    @Override
    protected void checkPartitioning(Table t) {
        PartitionDdl.validate(io.covet.core.engine.Engine.POSTGRESQL, t);
    }

    @Override
    public String typeSql(ColumnType t) {
        return switch (t.kind()) {
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DECIMAL -> "NUMERIC(" + t.precision() + "," + t.scale() + ")";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case CHAR -> "CHAR(" + t.length() + ")";
            case VARCHAR -> "VARCHAR(" + t.length() + ")";
            case TEXT -> "TEXT";
            case BYTES -> "BYTEA";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case UUID -> "UUID";
            case JSON -> "JSONB";
            case RAW -> t.raw();
            case ENUM -> q(t.enumName());
            case ARRAY -> typeSql(t.elementType()) + "[]";
        };
    }

    @Override
    public List<String> createEnumType(ColumnType type) {
        return List.of("CREATE TYPE " + q(type.enumName()) + " AS ENUM (" + type.labelList() + ")");
    }

    @Override
    public List<String> dropEnumType(String name) {
        return List.of("DROP TYPE " + q(name));
    }

    @Override
    public List<String> createExtension(String name, String schema) {
        return List.of("CREATE EXTENSION IF NOT EXISTS " + q(name) + (schema == null ? "" : " WITH SCHEMA " + q(schema)));
    }

    @Override
    public List<String> dropExtension(String name) {
        return List.of("DROP EXTENSION IF EXISTS " + q(name) + " RESTRICT");
    }

    @Override
    public List<String> createDomain(String name, String baseType, boolean notNull, String defaultSql,
                                     List<String> checks) {
        StringBuilder b = new StringBuilder("CREATE DOMAIN ").append(q(name)).append(" AS ")
                .append(NativeTypes.requireTypeName(baseType));
        if (defaultSql != null) {
            b.append(" DEFAULT ").append(defaultSql);
        }
        if (notNull) {
            b.append(" NOT NULL");
        }
        for (String check : checks) {
            b.append(" CHECK (").append(check).append(')');
        }
        return List.of(b.toString());
    }

    @Override
    public List<String> dropDomain(String name) {
        return List.of("DROP DOMAIN " + q(name) + " RESTRICT");
    }

    @Override
    public List<String> alterEnumType(Schema before, String name, List<String> labels, Map<String, String> renames) {
        ColumnType target = newEnum(before, name, labels);
        List<String> old = before.enumTypes().get(name);
        List<String> out = new ArrayList<>();
        List<String> inPlace = old.stream().map(l -> renames.getOrDefault(l, l)).toList();
        if (inPlace.equals(labels)) {
            // only renames: the rows hold the label's position, so renaming it renames every row's value
            renames.forEach((from, to) -> out.add("ALTER TYPE " + q(name) + " RENAME VALUE " + stringLiteral(from)
                    + " TO " + stringLiteral(to)));
            return out;
        }
        // ADD VALUE could not be followed by a use of the new label in the same transaction, and labels cannot
        // be removed or reordered in place: the type is made anew and each column converted to it by its text
        String oldName = name + "__covet_old";
        out.add("ALTER TYPE " + q(name) + " RENAME TO " + q(oldName));
        out.addAll(createEnumType(target));
        Schema after = before.withEnumType(name, target);
        for (Map.Entry<String, List<String>> e : before.columnsOfEnum(name).entrySet()) {
            for (String col : e.getValue()) {
                Column c = after.require(e.getKey()).requireColumn(col);
                String alter = "ALTER TABLE " + q(e.getKey()) + " ALTER COLUMN " + q(col);
                if (c.defaultValue() != null) {
                    out.add(alter + " DROP DEFAULT");
                }
                out.add(alter + " TYPE " + q(name) + " USING (" + renamed(q(col) + "::text", renames) + ")::"
                        + q(name));
                if (c.defaultValue() != null) {
                    ColumnDefault d = c.defaultValue();
                    if (!d.expression() && renames.containsKey(d.text())) {
                        d = ColumnDefault.value(renames.get(d.text()));
                    }
                    if (d.expression() || labels.contains(d.text())) {
                        out.add(alter + " SET DEFAULT " + defaultSql(target, d));
                    }
                }
            }
        }
        out.add("DROP TYPE " + q(oldName));
        return out;
    }

    @Override
    protected String columnSql(Table table, Column c) {
        if (c.generated() != null) {
            if (!c.generated().stored()) {
                throw new UnsupportedFeature(d.engine(), "virtual generated column " + table.name() + "." + c.name()
                        + " (PostgreSQL 15 computes generated columns only as STORED)",
                        "Declare it @Generated(expression = ..., stored = true), or compute the value in a query.");
            }
            return q(c.name()) + " " + typeSql(c.type()) + generatedClause(c, "STORED", "VIRTUAL");
        }
        return q(c.name()) + " " + typeSql(c.type())
                + (c.autoIncrement() ? " GENERATED BY DEFAULT AS IDENTITY" : "")
                + defaultClause(c) + (c.nullable() ? "" : " NOT NULL");
    }

    @Override
    protected String booleanSql(boolean b) {
        return b ? "TRUE" : "FALSE";
    }

    @Override
    public List<String> alterColumn(Table before, Table after, String column) {
        if (generationChanged(before, after, column)) {
            return regenerate(before, after, column);
        }
        Column o = before.requireColumn(column);
        Column n = after.requireColumn(column);
        String alter = "ALTER TABLE " + q(after.name()) + " ALTER COLUMN " + q(column);
        List<String> out = new ArrayList<>();
        boolean retype = !o.type().equals(n.type());
        if (retype && o.defaultValue() != null) {
            // The old default may not cast to the new type, which would make ALTER … TYPE fail.
            out.add(alter + " DROP DEFAULT");
        }
        if (retype) {
            String type = typeSql(n.type());
            // an enum converts to and from other types through its text
            boolean viaText = o.type().kind() == ColumnType.Kind.ENUM || n.type().kind() == ColumnType.Kind.ENUM;
            out.add(alter + " TYPE " + type + " USING " + q(column) + (viaText ? "::text" : "") + "::" + type);
        }
        if (o.autoIncrement() != n.autoIncrement()) {
            out.add(alter + (n.autoIncrement() ? " ADD GENERATED BY DEFAULT AS IDENTITY" : " DROP IDENTITY"));
        }
        if (n.defaultValue() != null && (retype || !n.defaultValue().equals(o.defaultValue()))) {
            out.add(alter + " SET DEFAULT " + defaultSql(n.type(), n.defaultValue()));
        } else if (n.defaultValue() == null && o.defaultValue() != null && !retype) {
            out.add(alter + " DROP DEFAULT");
        }
        if (o.nullable() != n.nullable()) {
            out.add(alter + (n.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        return out;
    }

    @Override
    public HistoryTriggers historyTriggers() {
        return new PostgresHistoryTriggers(dialect());
    }
}
