package io.covet.migrate;

import io.covet.orm.CheckMeta;
import io.covet.orm.FieldMeta;
import io.covet.orm.IndexMeta;
import io.covet.orm.ManyToManyMeta;
import io.covet.orm.ModelMeta;
import io.covet.orm.Orm;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The target schema of {@code makemigrations} from the ORM's model metadata: one table per model, plus the join
 * table of each automatic many-to-many relation (owned by the source model's app). Types map from the ORM's
 * field types to portable column types; a Java default becomes a constant column default and a database default
 * an expression default; unique and indexed fields get {@code <table>_<column>_uniq/_idx}; foreign keys get
 * the constraint name their annotation gives, else {@code <table>_<column>_fk}, and, like the ORM's own DDL, ON DELETE RESTRICT or NO ACTION (the ORM applies
 * CASCADE, SET_NULL and the others itself).
 */
public final class OrmSchemaSource implements SchemaSource {
    private final Schema schema;
    private final Map<String, String> owners;

    private OrmSchemaSource(Schema schema, Map<String, String> owners) {
        this.schema = schema;
        this.owners = owners;
    }

    /** The models of an {@link Orm}, each in the app named by the last segment of its class's package. */
    public static OrmSchemaSource of(Orm orm) {
        return of(orm.schema(), OrmSchemaSource::packageApp);
    }

    /** Models with their apps given by {@code appOf}. */
    public static OrmSchemaSource of(Collection<ModelMeta> models, Function<ModelMeta, String> appOf) {
        Map<String, ModelMeta> byName = new TreeMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        List<Table> tables = new ArrayList<>();
        Map<String, String> owners = new TreeMap<>();
        for (ModelMeta m : models) {
            tables.add(table(m, byName));
            owners.put(m.table(), appOf.apply(m));
            for (ManyToManyMeta mm : m.manyToMany()) {
                if (mm.automatic()) {
                    tables.add(joinTable(m, mm, byName));
                    owners.put(mm.table(), appOf.apply(m));
                }
            }
        }
        return new OrmSchemaSource(Schema.of(tables), owners);
    }

    /** {@code io.example.shop.Product} → {@code shop}. */
    static String packageApp(ModelMeta m) {
        String n = m.name();
        int last = n.lastIndexOf('.');
        if (last < 0) {
            return "app";
        }
        String pkg = n.substring(0, last);
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String appOf(String table) {
        String app = owners.get(table);
        if (app == null) {
            throw new IllegalArgumentException("no model has table " + table);
        }
        return app;
    }

    private static Table table(ModelMeta m, Map<String, ModelMeta> byName) {
        List<Column> cols = new ArrayList<>();
        List<FieldMeta> keyFields = m.primaryKeyFields();
        List<String> pk = keyFields.stream().map(FieldMeta::column).toList();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        List<ForeignKey> fks = new ArrayList<>();
        for (FieldMeta f : m.fields()) {
            cols.add(column(f));
            boolean singleKey = f.primaryKey() && !m.compositePrimaryKey();
            // as in the ORM's own DDL: the key's index serves lookups by its first column only
            boolean leadsKey = !keyFields.isEmpty() && keyFields.get(0).name().equals(f.name());
            if (singleKey) {
                // the primary key is unique and indexed already
            } else if (f.unique()) {
                uniques.add(new UniqueConstraint(Names.of(m.table(), List.of(f.column()), "uniq"), List.of(f.column())));
            } else if (f.indexed() && !leadsKey) {
                indexes.add(Index.of(Names.of(m.table(), List.of(f.column()), "idx"), List.of(f.column())));
            }
            if (f.foreignKey() != null) {
                ModelMeta target = model(byName, f.foreignKey().targetModel(), m);
                String name = f.foreignKey().constraint() != null ? f.foreignKey().constraint()
                        : Names.of(m.table(), List.of(f.column()), "fk");
                fks.add(new ForeignKey(name, List.of(f.column()),
                        target.table(), List.of(singleKey(target, m).column()),
                        f.foreignKey().onDelete() == io.covet.orm.OnDelete.RESTRICT ? OnDelete.RESTRICT
                                : OnDelete.NO_ACTION));
            }
        }
        for (IndexMeta u : m.uniqueTogether()) {
            uniques.add(new UniqueConstraint(u.name(), u.columns()));
        }
        for (IndexMeta i : m.indexes()) {
            indexes.add(new Index(i.name(), i.columns(), i.unique(), null));
        }
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckMeta c : m.checks()) {
            checks.add(new CheckConstraint(c.name(), c.expression()));
        }
        return new Table(m.table(), cols, pk, uniques, checks, indexes, fks);
    }

    private static Table joinTable(ModelMeta m, ManyToManyMeta mm, Map<String, ModelMeta> byName) {
        ModelMeta target = model(byName, mm.targetModel(), m);
        FieldMeta spk = singleKey(m, m);
        FieldMeta tpk = singleKey(target, m);
        return new Table(mm.table(), List.of(Column.of(mm.sourceColumn(), keyType(spk)),
                Column.of(mm.targetColumn(), keyType(tpk))), List.of(mm.sourceColumn(), mm.targetColumn()),
                List.of(), List.of(), List.of(), List.of(
                new ForeignKey(Names.of(mm.table(), List.of(mm.sourceColumn()), "fk"), List.of(mm.sourceColumn()),
                        m.table(), List.of(spk.column()), OnDelete.CASCADE),
                new ForeignKey(Names.of(mm.table(), List.of(mm.targetColumn()), "fk"), List.of(mm.targetColumn()),
                        target.table(), List.of(tpk.column()), OnDelete.CASCADE)));
    }

    /** The single key a relation points at; a composite key cannot be (the ORM's registry refuses it too). */
    private static FieldMeta singleKey(ModelMeta target, ModelMeta from) {
        return target.primaryKey().orElseThrow(() -> new MigrationException("model " + from.name()
                + " has a relation to " + target.name() + ", whose primary key " + (target.compositePrimaryKey()
                ? "is composite " + target.compositeKey() : "is missing") + "; a foreign key or many-to-many "
                + "relation needs a single-field key"));
    }

    private static ModelMeta model(Map<String, ModelMeta> byName, String name, ModelMeta from) {
        ModelMeta t = byName.get(name);
        if (t == null) {
            throw new MigrationException("model " + from.name() + " refers to " + name
                    + ", which is not among the models given to makemigrations; register it");
        }
        return t;
    }

    static Column column(FieldMeta f) {
        ColumnType type = type(f);
        ColumnDefault d = f.dbDefault() != null ? ColumnDefault.expression(f.dbDefault())
                : f.defaultValue() != null ? ColumnDefault.value(f.defaultValue()) : null;
        return new Column(f.column(), type, f.nullable() && !f.primaryKey(), f.type().auto() ? null : d,
                f.type().auto());
    }

    private static ColumnType keyType(FieldMeta pk) {
        return type(pk);
    }

    static ColumnType type(FieldMeta f) {
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
            case INFER -> throw new MigrationException("field " + f.name() + " has type INFER, which the annotation "
                    + "processor resolves; build the models with it");
        };
    }
}
