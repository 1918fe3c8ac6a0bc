package io.covet.migrate;

import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.FieldMeta;
import io.covet.schema.HistoryTable;
import io.covet.schema.Schema;
import io.covet.schema.SystemVersioning;
import io.covet.schema.Table;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The target schema of {@code makemigrations} from the ORM's model metadata: {@link OrmSchema#of(Collection)},
 * the same schema state {@link Orm#createTables()} renders (so a table made by either is the same table), with
 * each table owned by an app: a model's table by the model's app, an automatic many-to-many join table by its
 * source model's app; the history table of a {@code @History} model ({@link HistoryTable}) by the model's app.
 */
public final class OrmSchemaSource implements SchemaSource {
    private final OwnedSchema owned;

    private OrmSchemaSource(OwnedSchema owned) {
        this.owned = owned;
    }

    /** The models of an {@link Orm}, each in the app named by the last segment of its class's package. */
    public static OrmSchemaSource of(Orm orm) {
        return of(orm.schema(), OrmSchemaSource::packageApp);
    }

    /**
     * Models with their apps given by {@code appOf}.
     *
     * @throws MigrationException when the models do not map to a schema (a relation to a model not given, or to
     *                            one without a single-field key; a field whose type the processor did not resolve)
     */
    public static OrmSchemaSource of(Collection<ModelMeta> models, Function<ModelMeta, String> appOf) {
        Schema schema;
        try {
            schema = OrmSchema.of(models);
        } catch (OrmUsageException e) {
            throw new MigrationException(e.getMessage() + " (makemigrations reads the models it is given)", e);
        }
        Map<String, String> owners = new TreeMap<>();
        for (ModelMeta m : models) {
            if (m.tracked() && m.history().capture() == io.covet.orm.History.Capture.SYSTEM_VERSIONING) {
                schema = schema.with(versioned(schema, m)); // MariaDB keeps the versions in the table itself
            } else if (m.tracked()) {
                schema = schema.with(historyTable(schema, m));
                owners.put(m.history().table(), appOf.apply(m));
            }
            owners.put(m.table(), appOf.apply(m));
            m.manyToMany().stream().filter(mm -> mm.automatic()).forEach(mm -> owners.put(mm.table(), appOf.apply(m)));
        }
        return new OrmSchemaSource(new OwnedSchema(schema, owners));
    }

    /** The history table of a {@code @History} model: its fields but the excluded ones ({@link HistoryTable}). */
    private static Table historyTable(Schema schema, ModelMeta m) {
        if (schema.table(m.history().table()).isPresent()) {
            throw new MigrationException("the history table " + m.history().table() + " of " + m.simpleName()
                    + " is the name of another table; give @History(table = ...) a free name");
        }
        List<String> tracked = m.fields().stream().filter(f -> !m.history().excluded().contains(f.name()))
                .map(FieldMeta::column).toList();
        try {
            return HistoryTable.of(schema.require(m.table()), m.history().table(), tracked,
                    m.history().capture() == io.covet.orm.History.Capture.APPLICATION);
        } catch (IllegalArgumentException e) {
            throw new MigrationException("@History on " + m.simpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The table of a system-versioned model: with the period columns ({@link SystemVersioning}). */
    private static Table versioned(Schema schema, ModelMeta m) {
        if (!m.history().excluded().isEmpty()) {
            throw new MigrationException("@History(capture = SYSTEM_VERSIONING) on " + m.simpleName() + " excludes "
                    + m.history().excluded() + ", but system versioning keeps every column of the row; drop exclude, "
                    + "or use the default TRIGGERS capture, whose history table leaves excluded fields out");
        }
        try {
            return SystemVersioning.with(schema.require(m.table()));
        } catch (IllegalArgumentException e) {
            throw new MigrationException("@History(capture = SYSTEM_VERSIONING) on " + m.simpleName() + ": "
                    + e.getMessage(), e);
        }
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
        return owned.schema();
    }

    @Override
    public String appOf(String table) {
        return owned.appOf(table);
    }
}
