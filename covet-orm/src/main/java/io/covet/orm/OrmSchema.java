package io.covet.orm;

import io.covet.orm.spi.CheckMeta;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ForeignKeyMeta;
import io.covet.orm.spi.IndexMeta;
import io.covet.orm.spi.ManyToManyMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.Partitioning;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema state the models describe: the one mapping from model metadata to tables, which
 * {@link Orm#createTables()} renders and migrations ({@code makemigrations}, drift checks) compare against, so that
 * a table made either way is the same table.
 *
 * <ul>
 * <li>one table per model, plus the join table of each automatic many-to-many relation (two NOT NULL key columns,
 *     both in its primary key, each a foreign key ON DELETE CASCADE to its end's own table: a multi-table child's
 *     link column, a single-table subclass's root table); a relation a child inherits keeps its parent's table;</li>
 * <li>column types from {@link #columnType(FieldMeta)}; a Java default becomes a constant column default, a
 *     database default an expression default; auto keys are identity / auto-increment columns;</li>
 * <li>a unique field gets the unique constraint {@code <table>_<column>_uniq}; on a {@code @SoftDelete} model,
 *     unique fields and unique-together sets become unique indexes of the same names over live rows only
 *     ({@code WHERE <deleted column> IS NULL}; MariaDB, which has no partial indexes, renders them with a generated
 *     column, see covet-schema's {@code SchemaDdl}); an indexed field the index
 *     {@code <table>_<column>_idx}, unless it is the single key or leads a composite key (whose index serves it);
 *     unique-together sets, indexes and checks keep the names the metadata gives;</li>
 * <li>a foreign key gets the constraint name its annotation gives, else {@code <table>_<column>_fk}, and
 *     ON DELETE RESTRICT for {@link OnDelete#RESTRICT}, NO ACTION otherwise (the ORM itself applies CASCADE,
 *     SET_NULL and the other rules before it deletes), unless the relation declares the database's own rule
 *     ({@link DbOnDelete});</li>
 * <li>a field with a {@linkplain io.covet.orm.Column#nativeType() native type} gets that type verbatim
 *     ({@link ColumnType#raw(String)}); an enum field with a {@linkplain io.covet.orm.Column#enumType() database
 *     enum type} gets {@link ColumnType#enumType(String, List)} with the Java enum's constants as labels.</li>
 * </ul>
 * Generated names follow {@link #generatedName(String, List, String)}.
 */
public final class OrmSchema {
    private static final int MAX_NAME = 63;

    private OrmSchema() {
    }

    /**
     * The schema of these models.
     *
     * @throws OrmUsageException when a model refers to one that is not among them, when a relation points at a
     *                           model without a single-field key, or when a field's type is still
     *                           {@link FieldType#INFER} (metadata not built by the annotation processor)
     */
    public static Schema of(Collection<ModelMeta> models) {
        Map<String, ModelMeta> byName = new LinkedHashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        List<Table> tables = new ArrayList<>();
        for (ModelMeta m : models) {
            if (m.proxy()) {
                continue; // its concrete model describes the table
            }
            if (m.singleTableSubclass()) {
                if (!byName.containsKey(m.inheritance().parent())) {
                    throw new OrmUsageException(m.simpleName() + " is a single-table subclass of "
                            + m.inheritance().parent() + ", which is not among the models: add the root model too "
                            + "(its table holds the subclass's rows)");
                }
                joinTables(m, byName, tables);
                continue; // its root describes the shared table
            }
            if (m.singleTable()) {
                m = io.covet.orm.spi.InheritanceMeta.sharedTable(m, models);
            }
            if (m.multiTable()) {
                ModelMeta parent = byName.get(m.inheritance().parent());
                if (parent == null) {
                    throw new OrmUsageException(m.simpleName() + " extends " + m.inheritance().parent() + ", which is "
                            + "not among the models: add the parent model too (its table holds the inherited fields)");
                }
                tables.add(table(io.covet.orm.spi.InheritanceMeta.ownTable(m, parent), byName));
            } else {
                tables.add(table(m, byName));
            }
            joinTables(m, byName, tables);
        }
        Schema s = Schema.of(tables);
        try {
            s.enumTypes();
        } catch (IllegalArgumentException e) {
            throw new OrmUsageException(e.getMessage());
        }
        return s;
    }

    /** The schema of the models registered with an {@link Orm}. */
    public static Schema of(Orm orm) {
        return of(orm.schema());
    }

    /**
     * A deterministic name for an index or constraint, {@code <table>_<columns>_<suffix>} such as
     * {@code book_author_id_fk}; longer than 63 characters (PostgreSQL's limit, the strictest of the engines) it
     * is cut and a hash of the full name keeps it unique: {@code <head>_<8 hex digits>_<suffix>}.
     */
    public static String generatedName(String table, List<String> columns, String suffix) {
        String full = table + "_" + String.join("_", columns) + "_" + suffix;
        if (full.length() <= MAX_NAME) {
            return full;
        }
        String hash = sha256(full).substring(0, 8);
        String head = full.substring(0, MAX_NAME - suffix.length() - hash.length() - 2);
        return head + "_" + hash + "_" + suffix;
    }

    /** The name of an index or unique-together group: its own, else the generated one, like every default name. */
    private static String groupName(String table, IndexMeta g, String suffix) {
        return g.name().isEmpty() ? generatedName(table, g.columns(), suffix) : g.name();
    }

    /**
     * The portable column type of a field; the table in {@link FieldType} shows what each engine makes of it.
     *
     * @throws OrmUsageException for {@link FieldType#INFER}, which the annotation processor resolves
     */
    public static ColumnType columnType(FieldMeta f) {
        if (f.enumType() != null && f.type() == FieldType.ENUM_STRING) {
            return ColumnType.enumType(f.enumType(), f.enumLabels());
        }
        if (f.nativeType() != null && f.type() != FieldType.INFER && f.type() != FieldType.ARRAY) {
            return ColumnType.raw(f.nativeType());
        }
        return switch (f.type()) {
            case AUTO, INTEGER, ENUM_INT -> ColumnType.of(ColumnType.Kind.INTEGER);
            case BIG_AUTO, LONG, DURATION -> ColumnType.of(ColumnType.Kind.BIGINT);
            case SMALL_AUTO, SHORT -> ColumnType.of(ColumnType.Kind.SMALLINT);
            case DECIMAL -> ColumnType.decimal(f.precision(), f.scale());
            case DOUBLE -> ColumnType.of(ColumnType.Kind.DOUBLE);
            case FLOAT -> ColumnType.of(ColumnType.Kind.REAL);
            case BOOLEAN -> ColumnType.of(ColumnType.Kind.BOOLEAN);
            case STRING, EMAIL, URL, SLUG, ENUM_STRING, INET -> ColumnType.varchar(f.maxLength());
            case TEXT -> ColumnType.of(ColumnType.Kind.TEXT);
            case UUID -> ColumnType.of(ColumnType.Kind.UUID);
            case DATE -> ColumnType.of(ColumnType.Kind.DATE);
            case TIME -> ColumnType.of(ColumnType.Kind.TIME);
            case INSTANT, OFFSET_DATETIME -> ColumnType.of(ColumnType.Kind.TIMESTAMPTZ);
            case LOCAL_DATETIME -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
            case JSON -> ColumnType.of(ColumnType.Kind.JSON);
            case BINARY -> ColumnType.of(ColumnType.Kind.BYTES);
            case ARRAY -> io.covet.orm.internal.ArrayFields.columnType(f);
            case INFER -> throw new OrmUsageException("field " + f.name() + " has type INFER, which the annotation "
                    + "processor resolves; build the models with it");
        };
    }

    /** A field's column: its type, nullability (never for a key field), default and whether it is generated. */
    public static Column column(FieldMeta f) {
        ColumnDefault d = f.type().auto() ? null
                : f.dbDefault() != null ? ColumnDefault.expression(f.dbDefault())
                : f.defaultValue() != null ? ColumnDefault.value(f.defaultValue()) : null;
        if (f.generated() != null) {
            // a generated column takes no default and no NOT NULL (see io.covet.orm.Generated)
            return new Column(f.column(), columnType(f), true, null, false,
                    new Column.Generated(f.generated().expression(), f.generated().stored()));
        }
        return new Column(f.column(), columnType(f), f.nullable() && !f.primaryKey(), d, f.type().auto());
    }

    private static Table table(ModelMeta m, Map<String, ModelMeta> byName) {
        List<Column> cols = new ArrayList<>();
        List<FieldMeta> keyFields = m.primaryKeyFields();
        List<String> pk = keyFields.stream().map(FieldMeta::column).toList();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        List<ForeignKey> fks = new ArrayList<>();
        // a @SoftDelete model's unique fields and groups are unique among live rows only: partial unique indexes
        String live = m.softDeletes() ? m.softDelete().column() + " IS NULL" : null;
        for (FieldMeta f : m.fields()) {
            cols.add(column(f));
            boolean singleKey = f.primaryKey() && !m.compositePrimaryKey();
            boolean leadsKey = !keyFields.isEmpty() && keyFields.get(0).name().equals(f.name());
            List<String> col = List.of(f.column());
            if (singleKey) {
                // the primary key is unique and indexed already
            } else if (f.unique() && live != null) {
                indexes.add(new Index(generatedName(m.table(), col, "uniq"), col, true, live));
            } else if (f.unique()) {
                uniques.add(new UniqueConstraint(generatedName(m.table(), col, "uniq"), col));
            } else if (f.indexed() && !leadsKey) {
                indexes.add(Index.of(generatedName(m.table(), col, "idx"), col));
            }
            if (f.foreignKey() != null) {
                ModelMeta target = model(byName, f.foreignKey().targetModel(), m);
                String name = f.foreignKey().constraint() != null ? f.foreignKey().constraint()
                        : generatedName(m.table(), col, "fk");
                String refColumn = keyColumn(target, m);
                fks.add(new ForeignKey(name, col, target.table(), List.of(refColumn),
                        constraintRule(f.foreignKey())));
            }
        }
        for (IndexMeta u : m.uniqueTogether()) {
            if (live != null) {
                indexes.add(new Index(groupName(m.table(), u, "uniq"), u.columns(), true, live));
            } else {
                uniques.add(new UniqueConstraint(groupName(m.table(), u, "uniq"), u.columns()));
            }
        }
        for (IndexMeta i : m.indexes()) {
            indexes.add(new Index(groupName(m.table(), i, "idx"), i.columns(), i.unique(), null));
        }
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckMeta c : m.checks()) {
            checks.add(new CheckConstraint(c.name(), c.expression()));
        }
        return new Table(m.table(), cols, pk, uniques, checks, indexes, fks).withPartitioning(partitioning(m));
    }

    /** The model's {@code @Partitioned} as the schema's {@link Partitioning}; null when it has none. */
    private static Partitioning partitioning(ModelMeta m) {
        if (m.partitioning() == null) {
            return null;
        }
        return new Partitioning(Partitioning.Method.valueOf(m.partitioning().method().name()),
                m.partitioning().columns(), m.partitioning().partitions().stream()
                .map(p -> new Partitioning.Partition(p.name(), p.bounds())).toList());
    }

    /** The constraint's ON DELETE: the database rule when one is declared, else what {@code onDelete} implies. */
    private static io.covet.schema.OnDelete constraintRule(ForeignKeyMeta fk) {
        return switch (fk.dbOnDelete()) {
            case DEFAULT -> fk.onDelete() == OnDelete.RESTRICT ? io.covet.schema.OnDelete.RESTRICT
                    : io.covet.schema.OnDelete.NO_ACTION;
            case NO_ACTION -> io.covet.schema.OnDelete.NO_ACTION;
            case RESTRICT -> io.covet.schema.OnDelete.RESTRICT;
            case CASCADE -> io.covet.schema.OnDelete.CASCADE;
            case SET_NULL -> io.covet.schema.OnDelete.SET_NULL;
            case SET_DEFAULT -> io.covet.schema.OnDelete.SET_DEFAULT;
        };
    }

    /**
     * Adds the join table of each automatic many-to-many relation {@code m} declares itself; a relation a
     * multi-table child or single-table subclass inherits has its parent's join table, which the parent adds.
     */
    private static void joinTables(ModelMeta m, Map<String, ModelMeta> byName, List<Table> tables) {
        ModelMeta parent = m.multiTable() || m.singleTableSubclass() ? byName.get(m.inheritance().parent()) : null;
        for (ManyToManyMeta mm : m.manyToMany()) {
            if (mm.automatic() && (parent == null
                    || parent.manyToMany().stream().noneMatch(r -> r.name().equals(mm.name())))) {
                tables.add(joinTable(m, mm, byName));
            }
        }
    }

    /**
     * The join table of {@code m}'s automatic relation {@code mm}: each key column references the key of its end's
     * own table, which for a multi-table child is its link column ({@code <parent>_ptr_id}, so a link row names a
     * row of the child, not just of its parent) and for a single-table subclass the shared table's key.
     */
    private static Table joinTable(ModelMeta m, ManyToManyMeta mm, Map<String, ModelMeta> byName) {
        ModelMeta target = model(byName, mm.targetModel(), m);
        FieldMeta spk = singleKey(m, m);
        FieldMeta tpk = singleKey(target, m);
        String source = mm.sourceColumn();
        String other = mm.targetColumn();
        // the key columns point at generated keys but are not generated themselves
        return new Table(mm.table(), List.of(Column.of(source, columnType(spk)), Column.of(other, columnType(tpk))),
                List.of(source, other), List.of(), List.of(), List.of(), List.of(
                new ForeignKey(generatedName(mm.table(), List.of(source), "fk"), List.of(source), m.table(),
                        List.of(keyColumn(m, m)), io.covet.schema.OnDelete.CASCADE),
                new ForeignKey(generatedName(mm.table(), List.of(other), "fk"), List.of(other), target.table(),
                        List.of(keyColumn(target, m)), io.covet.schema.OnDelete.CASCADE)));
    }

    /** The column of {@code target}'s own table that a reference to it names: a multi-table child's link. */
    private static String keyColumn(ModelMeta target, ModelMeta from) {
        return target.multiTable() ? target.inheritance().link() : singleKey(target, from).column();
    }

    /** The single key a relation points at; a composite key cannot be (the registry refuses it too). */
    private static FieldMeta singleKey(ModelMeta target, ModelMeta from) {
        return target.primaryKey().orElseThrow(() -> new OrmUsageException("model " + from.name()
                + " has a relation to " + target.name() + ", whose primary key " + (target.compositePrimaryKey()
                ? "is composite " + target.compositeKey() : "is missing") + "; a foreign key or many-to-many "
                + "relation needs a single-field key"));
    }

    private static ModelMeta model(Map<String, ModelMeta> byName, String name, ModelMeta from) {
        ModelMeta t = byName.get(name);
        if (t == null) {
            throw new OrmUsageException("model " + from.name() + " refers to " + name
                    + ", which is not among the models given; register it too");
        }
        return t;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
