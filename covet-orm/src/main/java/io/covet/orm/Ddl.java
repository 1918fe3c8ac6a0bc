package io.covet.orm;

import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE statements for the registered models. The SQL builder has no DDL, so this is the one place in the ORM
 * that writes SQL text itself: every identifier through {@link Dialect#quote}, defaults as checked literals,
 * check expressions as written by the model's author. Migrations (issue 5) supersede it.
 */
final class Ddl {
    private Ddl() {
    }

    static List<String> create(Orm orm, Engine engine) {
        Engine e = engine.family();
        Dialect d = Dialect.of(e);
        List<String> creates = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (ModelType<?> t : orm.types()) {
            ModelMeta m = t.meta();
            List<String> parts = new ArrayList<>();
            for (FieldMeta f : m.fields()) {
                parts.add(column(d, e, f, !m.compositePrimaryKey()));
            }
            if (m.compositePrimaryKey()) {
                parts.add("PRIMARY KEY (" + cols(d, m.primaryKeyFields().stream().map(FieldMeta::column).toList())
                        + ")");
            }
            for (IndexMeta u : m.uniqueTogether()) {
                parts.add("CONSTRAINT " + d.quote(u.name()) + " UNIQUE (" + cols(d, u.columns()) + ")");
            }
            for (CheckMeta c : m.checks()) {
                parts.add("CONSTRAINT " + d.quote(c.name()) + " CHECK (" + c.expression() + ")");
            }
            for (FieldMeta f : m.fields()) {
                if (f.foreignKey() == null) {
                    continue;
                }
                ModelMeta target = orm.type(f.foreignKey().targetModel()).meta();
                String fk = "FOREIGN KEY (" + d.quote(f.column()) + ") REFERENCES " + d.quote(target.table()) + " ("
                        + d.quote(target.primaryKey().orElseThrow().column()) + ") ON DELETE "
                        + (f.foreignKey().onDelete() == OnDelete.RESTRICT ? "RESTRICT" : "NO ACTION");
                String named = f.foreignKey().constraint();
                if (e == Engine.SQLITE) {
                    parts.add(named == null ? fk : "CONSTRAINT " + d.quote(named) + " " + fk);
                } else {
                    after.add("ALTER TABLE " + d.quote(m.table()) + " ADD CONSTRAINT "
                            + d.quote(named != null ? named : name(m.table(), f.column(), "fk")) + " " + fk);
                }
            }
            creates.add("CREATE TABLE " + d.quote(m.table()) + " (" + String.join(", ", parts) + ")");
            for (FieldMeta f : m.fields()) {
                if (f.indexed() && !f.unique() && !leadsPrimaryKey(m, f)) {
                    after.add("CREATE INDEX " + d.quote(name(m.table(), f.column(), "idx")) + " ON "
                            + d.quote(m.table()) + " (" + d.quote(f.column()) + ")");
                }
            }
            for (IndexMeta i : m.indexes()) {
                after.add("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + d.quote(i.name()) + " ON "
                        + d.quote(m.table()) + " (" + cols(d, i.columns()) + ")");
            }
            for (ManyToManyMeta mm : m.manyToMany()) {
                if (mm.automatic()) {
                    joins.add(joinTable(d, e, m, mm, orm));
                }
            }
        }
        creates.addAll(joins);
        creates.addAll(after);
        return creates;
    }

    private static String joinTable(Dialect d, Engine e, ModelMeta m, ManyToManyMeta mm, Orm orm) {
        ModelMeta target = orm.type(mm.targetModel()).meta();
        FieldMeta spk = m.primaryKey().orElseThrow();
        FieldMeta tpk = target.primaryKey().orElseThrow();
        return "CREATE TABLE " + d.quote(mm.table()) + " ("
                + d.quote(mm.sourceColumn()) + " " + keyType(spk).sqlType(e, spk) + " NOT NULL, "
                + d.quote(mm.targetColumn()) + " " + keyType(tpk).sqlType(e, tpk) + " NOT NULL, "
                + "PRIMARY KEY (" + d.quote(mm.sourceColumn()) + ", " + d.quote(mm.targetColumn()) + "), "
                + "FOREIGN KEY (" + d.quote(mm.sourceColumn()) + ") REFERENCES " + d.quote(m.table()) + " ("
                + d.quote(spk.column()) + ") ON DELETE CASCADE, "
                + "FOREIGN KEY (" + d.quote(mm.targetColumn()) + ") REFERENCES " + d.quote(target.table()) + " ("
                + d.quote(tpk.column()) + ") ON DELETE CASCADE)";
    }

    /** The non-generated type of a key, for the columns that point at it. */
    static FieldType keyType(FieldMeta pk) {
        return switch (pk.type()) {
            case AUTO -> FieldType.INTEGER;
            case BIG_AUTO -> FieldType.LONG;
            case SMALL_AUTO -> FieldType.SHORT;
            default -> pk.type();
        };
    }

    /**
     * Whether the primary key's index already covers a lookup by {@code f} alone: {@code f} is the single key or
     * the first column of a composite key. Another column of a composite key keeps its own index (a foreign key
     * in the key, say), as the key's index cannot serve lookups by it.
     */
    static boolean leadsPrimaryKey(ModelMeta m, FieldMeta f) {
        List<FieldMeta> key = m.primaryKeyFields();
        return !key.isEmpty() && key.get(0).name().equals(f.name());
    }

    private static String column(Dialect d, Engine e, FieldMeta f, boolean inlineKey) {
        StringBuilder sb = new StringBuilder(d.quote(f.column())).append(' ');
        if (f.type().auto()) {
            sb.append(f.type().sqlType(e, f)).append(" PRIMARY KEY");
            if (e == Engine.SQLITE) {
                sb.append(" AUTOINCREMENT");
            }
            return sb.toString();
        }
        sb.append(f.type().sqlType(e, f));
        sb.append(f.nullable() ? " NULL" : " NOT NULL");
        if (f.dbDefault() != null) {
            sb.append(" DEFAULT (").append(f.dbDefault()).append(')');
        } else if (f.defaultValue() != null) {
            sb.append(" DEFAULT ").append(literal(e, f));
        }
        if (f.primaryKey() && inlineKey) {
            sb.append(" PRIMARY KEY");
        } else if (f.unique()) {
            sb.append(" UNIQUE");
        }
        return sb.toString();
    }

    private static String literal(Engine e, FieldMeta f) {
        String v = f.defaultValue();
        return switch (f.type()) {
            case INTEGER, LONG, SHORT, DECIMAL, DOUBLE, FLOAT -> new BigDecimal(v).toPlainString();
            case BOOLEAN -> {
                boolean b = Boolean.parseBoolean(v);
                yield e == Engine.POSTGRESQL ? (b ? "TRUE" : "FALSE") : (b ? "1" : "0");
            }
            default -> "'" + v.replace("'", "''") + "'";
        };
    }

    private static String cols(Dialect d, List<String> columns) {
        List<String> q = new ArrayList<>();
        columns.forEach(c -> q.add(d.quote(c)));
        return String.join(", ", q);
    }

    static String name(String table, String column, String suffix) {
        String n = table + "_" + column + "_" + suffix;
        if (n.length() > 60) {
            n = n.substring(0, 48) + "_" + Integer.toHexString(n.hashCode()) + "_" + suffix;
        }
        return n;
    }
}
