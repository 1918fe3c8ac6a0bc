package io.covet.migrate;

import io.covet.core.engine.Engine;
import io.covet.schema.Schema;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static io.covet.migrate.JavaNames.*;

/**
 * {@code inspectdb}: Java model sources for the tables of an existing database, written so that the models
 * describe the same schema (names of tables, columns, keys, indexes and constraints included), and
 * {@code makemigrations} against that database finds nothing to do.
 *
 * <p>What the ORM cannot express is never guessed silently: such a column becomes the closest field with a
 * {@code // NOTE} beside it, and the note is also listed in {@link ModelSource#notes()} so that the CLI can print
 * it. A table without a primary key gets a read-only model ({@code @Model(readOnly = true)}) with a note. A
 * PostgreSQL enum type becomes a nested Java enum declared with {@code @Column(enumType = …)}, which migrations
 * create; a domain becomes its base type's field with {@code @Column(nativeType = …)}. A partitioned table gets a
 * model with a note naming its partitions. Views are not tables and are not read.
 */
public final class InspectDb {
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    private final Schema schema;
    private final Engine engine;
    private final String pkg;
    private final Map<String, List<String>> partitions;
    private final Map<String, String> domains;
    private final Map<String, String> classOf = new HashMap<>();

    /**
     * Whether {@code table} is one of Covet's own bookkeeping tables, which hold no application data and get no
     * model unless asked for by name: the migrations table under its default name
     * ({@value Migrator#DEFAULT_HISTORY_TABLE}), the history horizon
     * ({@value io.covet.schema.HistoryTable#HORIZON_TABLE}), SQLite's history context
     * ({@value io.covet.schema.HistoryTriggers#SQLITE_CONTEXT_TABLE}) and the audit chain's tables
     * ({@link io.covet.orm.audit.AuditTrail#TABLES}).
     */
    public static boolean isBookkeeping(String table) {
        return table.equals(Migrator.DEFAULT_HISTORY_TABLE)
                || table.equals(io.covet.schema.HistoryTriggers.SQLITE_CONTEXT_TABLE)
                || io.covet.orm.audit.AuditTrail.TABLES.contains(table);
    }

    private InspectDb(Schema schema, Engine engine, String pkg, Map<String, List<String>> partitions,
                      Map<String, String> domains) {
        this.schema = schema;
        this.engine = engine;
        this.pkg = pkg;
        this.partitions = partitions;
        this.domains = domains;
    }

    /** One generated model: its class name, its source text, and what it could not express exactly. */
    public record ModelSource(String table, String className, String source, List<String> notes) {
        /** Copies the notes. */
        public ModelSource {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Generates one model per table, in table-name order.
     *
     * @param schema      the live schema, as {@code Introspector.read} returns it
     * @param engine      the engine it was read from (named in the generated Javadoc)
     * @param javaPackage the package of the generated classes, e.g. {@code com.example.legacy}
     * @return the models, each with what it could not express in its notes
     * @throws IllegalArgumentException when {@code javaPackage} is not a lower-case Java package name
     */
    public static List<ModelSource> generate(Schema schema, Engine engine, String javaPackage) {
        return generate(schema, engine, javaPackage, Map.of());
    }

    /**
     * As {@link #generate(Schema, Engine, String)}, for a database with partitioned tables: the model of each
     * parent in {@code partitions} notes that it is partitioned and names its partitions, which get no model (the
     * parent's model reads and writes their rows; migrations would create the parent as a plain table).
     *
     * @param partitions parent table → its partitions, as {@code Introspector.partitions} returns them
     */
    public static List<ModelSource> generate(Schema schema, Engine engine, String javaPackage,
                                             Map<String, List<String>> partitions) {
        return generate(schema, engine, javaPackage, partitions, Map.of());
    }

    /**
     * As {@link #generate(Schema, Engine, String, Map)}, for a PostgreSQL database with domains: a column of a
     * domain becomes a field of the Java type of the domain's base type (an {@code Integer} for a domain over
     * {@code integer}) declared with {@code @Column(nativeType = "the_domain")}. Migrations do not create domains:
     * the model names one that must exist in the database it is migrated into.
     *
     * @param domains domain → its base type, as {@code Introspector.domains} returns them
     */
    public static List<ModelSource> generate(Schema schema, Engine engine, String javaPackage,
                                             Map<String, List<String>> partitions, Map<String, String> domains) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(domains, "domains");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(engine, "engine");
        if (javaPackage == null || !PACKAGE.matcher(javaPackage).matches()
                || List.of(javaPackage.split("\\.")).stream().anyMatch(KEYWORDS::contains)) {
            throw new IllegalArgumentException("'" + javaPackage + "' is not a Java package name: use lower-case "
                    + "segments separated by dots, e.g. com.example.legacy");
        }
        return new InspectDb(schema, engine, javaPackage, partitions, domains).run();
    }

    private List<ModelSource> run() {
        Map<String, Integer> used = new HashMap<>();
        for (Table t : schema.tables()) {
            String base = className(t.name());
            int n = used.merge(base.toLowerCase(Locale.ROOT), 1, Integer::sum);
            classOf.put(t.name(), n == 1 ? base : base + n);
        }
        List<ModelSource> out = new ArrayList<>();
        for (Table t : schema.tables()) {
            out.add(new ModelWriter(schema, engine, pkg, partitions, domains, classOf, t).write());
        }
        return out;
    }
}
