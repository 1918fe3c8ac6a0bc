package io.covet.orm;

import io.covet.core.Database;
import io.covet.core.Databases;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.orm.internal.Ddl;
import io.covet.orm.internal.M2mOps;
import io.covet.orm.internal.OrmRuntime;
import io.covet.orm.internal.QuerySpec;
import io.covet.orm.internal.RecordWriter;
import io.covet.orm.internal.RegistryValidator;
import io.covet.orm.internal.Relations;
import io.covet.orm.internal.SoftDeletes;
import io.covet.orm.internal.Validation;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.orm.spi.RecordType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The model registry bound to its databases: the entry point of the ORM. Built once with {@link #builder()},
 * which validates every model against every configured engine and reports all problems at once
 * ({@link ModelValidationException}). Immutable and thread-safe.
 *
 * <pre>{@code
 * Orm orm = Orm.builder().database(db).models(Customer_.TYPE, Order_.TYPE).build();
 * orm.createTables();
 * Customer c = new Customer();
 * c.email = "ada@example.com";
 * orm.save(c);
 * List<Customer> found = orm.objects(Customer_.TYPE).filter(Customer_.EMAIL.endsWith("@example.com")).list();
 * }</pre>
 *
 * <p>Closing the Orm does not close its databases (their owner does); it ends lazy loading for every instance
 * it read.
 */
public final class Orm implements AutoCloseable {
    /** The database name used when none is given. */
    public static final String DEFAULT = "default";

    static {
        AccessImpl.install();
    }

    private final OrmRuntime runtime;
    private final boolean strictDeferredFields;

    private Orm(Builder b) {
        this.runtime = new OrmRuntime(this, b.databases, b.registry, b.defaultName, b.types, b.listeners, b.hooks,
                b.validateOnSave);
        this.strictDeferredFields = b.strictDeferredFields;
    }

    /** A builder: add databases and models, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The query set of every row of a model, on the default database. */
    public <T extends Entity> QuerySet<T> objects(ModelType<T> type) {
        runtime.requireRegistered(type);
        return new QuerySet<>(this, QuerySpec.all(type));
    }

    /**
     * The model's own query set ({@link Manager}): every row of the model, narrowed by the manager's
     * {@link CustomQuerySet#initial}, on the default database.
     */
    public <T extends Entity, Q extends CustomQuerySet<T, Q>> Q objects(io.covet.orm.spi.ManagedType<T, Q> type) {
        return type.manager(objects((ModelType<T>) type)).start();
    }

    /**
     * Any query set class over a model, without {@link Manager} on it: {@code orm.objects(Post_.TYPE, Drafts::new)}
     * (a model may have several).
     */
    public <T extends Entity, Q extends CustomQuerySet<T, Q>> Q objects(ModelType<T> type,
                                                                        Function<QuerySet<T>, Q> manager) {
        return manager.apply(objects(type)).start();
    }

    /** The plain query set of every row of a model class (without its {@link Manager}). */
    public <T extends Entity> QuerySet<T> objects(Class<T> model) {
        return objects(type(model));
    }

    /**
     * The registered type of a model class.
     *
     * @throws OrmUsageException when the class is not registered
     */
    public <T extends Entity> ModelType<T> type(Class<T> model) {
        return runtime.type(model);
    }

    /** The registered type of a model by class name. */
    ModelType<?> type(String modelName) {
        return runtime.type(modelName);
    }

    /** Every registered model type. */
    public Collection<ModelType<?>> types() {
        return runtime.types();
    }

    /** The metadata of every registered model, for migrations: immutable and engine-neutral. */
    public List<ModelMeta> schema() {
        return runtime.schema();
    }

    /** The default database. */
    public Database database() {
        return database(runtime.defaultName());
    }

    /**
     * A database by name: one given to the builder, else one of its {@link Databases} registry.
     *
     * @throws OrmUsageException naming the known databases when there is none of that name
     */
    public Database database(String name) {
        return runtime.database(name);
    }

    /**
     * Inserts a new instance or updates a loaded one (only the fields that changed) on its database, or the
     * default one. Runs {@link #fullClean} first unless disabled, sends {@link Signal#PRE_SAVE} and
     * {@link Signal#POST_SAVE}, and runs {@link PersistenceHook}s, all in one transaction.
     *
     * @return the instance, with its generated key set after an insert
     * @throws ValidationException when the instance is not valid; nothing is written
     */
    public <T extends Entity> T save(T instance) {
        return save(instance, instance.covetDatabase);
    }

    /** {@link #save(Entity)} on the named database. */
    public <T extends Entity> T save(T instance, String database) {
        io.covet.orm.internal.Keys.requireWritable(runtime.typeOrNull(instance.getClass()), "save");
        runtime.save(instance, database);
        return instance;
    }

    /**
     * The recorded versions of {@code instance}'s row (found by its primary key, so also after it was deleted),
     * oldest first, read from the model's {@link History} table on the default database.
     *
     * @throws OrmUsageException for a model without {@code @History} or an instance without a primary key
     */
    public <T extends Entity> List<Version<T>> history(T instance) {
        return io.covet.orm.internal.AsOf.versions(runtime, instance);
    }

    /**
     * Who changed {@code field} of {@code instance}'s row, when, why, and from what to what: one entry per recorded
     * version that changed it (the first version counts when it set a non-null value), oldest first.
     *
     * @throws OrmUsageException for a model without {@code @History}, an unknown field or one excluded from the history
     */
    public <T extends Entity> List<FieldChange> whoChanged(T instance, String field) {
        return io.covet.orm.internal.HistoryOps.whoChanged(runtime, instance, field);
    }

    /**
     * Restores the row of {@code version}'s key to that version's tracked values by saving it (an update, or an
     * insert when the row was deleted since), so the history records the revert as a new version, attributed like
     * any write (run it in {@link Audit#as} to name who and why). Fields the version cannot give back keep their
     * current value and are named in {@link Reverted#notRestored()}: excluded fields, and required fields with no
     * value in a version recorded before they were added.
     *
     * @throws OrmUsageException for a deletion version or a model with a composite primary key; nothing is written
     */
    public <T extends Entity> Reverted<T> revert(Version<T> version) {
        return io.covet.orm.internal.HistoryOps.revert(runtime, version);
    }

    /**
     * Deletes an instance and applies the {@link OnDelete} rules of every foreign key pointing at it (cascades
     * recursively, with signals), in one transaction.
     * An instance of a {@link SoftDelete} model is marked instead (its deletion fields set), and the rules apply
     * as soft deletes: CASCADE marks live rows of soft-delete models, PROTECT refuses, SET_NULL and SET_DEFAULT
     * change nothing (the row still exists); {@link #purge} removes rows for good.
     *
     * @return the number of rows deleted, cascades included
     * @throws ProtectedError when a PROTECT foreign key points at it or a cascaded row; nothing is deleted
     */
    public int delete(Entity instance) {
        requireDeletable(instance, "delete");
        return runtime.writer().delete(List.of(instance), instance.covetDatabase);
    }

    /**
     * Deletes the row of a {@link SoftDelete} model for good (a hard delete, with the {@link OnDelete} rules applied
     * as hard deletes to every row pointing at it, soft-deleted ones included); on other models the same as
     * {@link #delete(Entity)}.
     *
     * @return the number of rows deleted, cascades included
     */
    public int purge(Entity instance) {
        requireDeletable(instance, "purge");
        return SoftDeletes.purge(runtime, List.of(instance), instance.covetDatabase);
    }

    /**
     * Undoes the soft delete of an instance of a {@link SoftDelete} model, and of the rows its delete cascaded to
     * (those stamped with the same time through a CASCADE foreign key); sets the instance's deletion fields to null.
     *
     * @return the number of rows restored (0 when it was not deleted)
     * @throws OrmUsageException for a model without {@code @SoftDelete}, or an instance never saved
     */
    public int restore(Entity instance) {
        requireDeletable(instance, "restore");
        return SoftDeletes.restore(runtime, List.of(instance), instance.covetDatabase);
    }

    private void requireDeletable(Entity instance, String what) {
        runtime.checkOpen();
        io.covet.orm.internal.Keys.requireWritable(runtime.typeOrNull(instance.getClass()), what);
        if (!instance.persisted()) {
            throw new OrmUsageException(instance + " cannot be " + (what.equals("delete") ? "deleted" : what + "d")
                    + ": it was never saved");
        }
    }

    /**
     * The query over every row of a record model, on the default database.
     *
     * @throws OrmUsageException when the model is not registered
     */
    public <R extends Record> RecordQuery<R> records(RecordType<R> type) {
        runtime.requireRegistered(type);
        return RecordQuery.all(this, type);
    }

    /**
     * Saves a record model's instance on the default database, writing every column (records track no changes):
     * inserts it when its auto key is null, else updates the row with its key, or inserts it when there is none.
     * Runs {@link #fullClean} first unless disabled; sends no signals and runs no {@link PersistenceHook}s.
     *
     * @return the record as saved: a new record with the generated key (and database defaults) after an insert
     *         that produced them, else {@code record} itself
     * @throws ValidationException when the record is not valid; nothing is written
     * @throws OrmUsageException   when a key field without generation is null
     */
    public <R extends Record> R save(R record) {
        return save(record, null);
    }

    /** {@link #save(Record)} on the named database. */
    public <R extends Record> R save(R record, String database) {
        runtime.checkOpen();
        io.covet.orm.internal.Keys.requireWritable(runtime.typeOrNull(record.getClass()), "save");
        return RecordWriter.save(runtime, recordType(Objects.requireNonNull(record, "record")), record,
                runtime.databaseName(database));
    }

    /**
     * Deletes the row of a record model's instance (by its primary key) on the default database; nothing points
     * at record models, so nothing cascades.
     *
     * @return the number of rows deleted: 1, or 0 when no row had that key
     */
    public int delete(Record record) {
        return delete(record, null);
    }

    /** {@link #delete(Record)} on the named database. */
    public <R extends Record> int delete(R record, String database) {
        runtime.checkOpen();
        io.covet.orm.internal.Keys.requireWritable(runtime.typeOrNull(record.getClass()), "delete");
        return RecordWriter.delete(runtime, recordType(Objects.requireNonNull(record, "record")), record,
                runtime.databaseName(database));
    }

    @SuppressWarnings("unchecked")
    private <R extends Record> RecordType<R> recordType(R record) {
        ModelType<?> t = runtime.typeOrNull(record.getClass());
        if (!(t instanceof RecordType<?> rt)) {
            throw new OrmUsageException(record.getClass().getName() + " is not a registered record model: annotate "
                    + "it with @Model and add " + record.getClass().getSimpleName() + "_.TYPE to "
                    + "Orm.builder().models(...)");
        }
        return (RecordType<R>) rt;
    }

    /**
     * Loads the fields the instance was read without ({@code QuerySet.only}/{@code defer},
     * {@link Column#deferred()}) with one query, also on a strict Orm; does nothing when it has every field. A
     * deferred field set since the read keeps the set value (and {@code save} writes it).
     *
     * @throws DoesNotExist when the row is gone
     */
    public <T extends Entity> T loadDeferred(T instance) {
        runtime.checkOpen();
        io.covet.orm.internal.Deferral.load(runtime, instance, null);
        return instance;
    }

    /**
     * {@link #loadDeferred(Entity)} for many instances with one query per model, database and 500 keys (one per
     * instance of a composite-key model): the fix for a loop that would load each row's deferred fields on its own.
     *
     * @throws DoesNotExist when a row is gone
     */
    public <T extends Entity> List<T> loadDeferred(List<T> instances) {
        runtime.checkOpen();
        io.covet.orm.internal.Deferral.loadAll(runtime, instances);
        return instances;
    }

    /** {@link Entity#deferredFields()} of an instance this Orm read. */
    List<String> deferredFields(Entity instance) {
        return io.covet.orm.internal.Deferral.names(instance);
    }

    /** {@link Entity#ensureLoaded}: loads the instance's deferred fields when it lacks {@code field}. */
    void loadOnAccess(Entity instance, String field) {
        io.covet.orm.internal.Deferral.requireField(instance, field);
        if (!io.covet.orm.internal.Deferral.lacks(instance, field)) {
            return;
        }
        String where = instance.getClass().getSimpleName() + "#" + instance.primaryKeyValue() + "." + field;
        if (strictDeferredFields) {
            throw new DeferredFieldException(where + " is deferred (the query left it out: only/defer or "
                    + "@Column(deferred = true)) and this Orm is strict about deferred fields: load it with the rows "
                    + "(add it to only(...), drop it from defer(...), or deferNone()), or explicitly with "
                    + "orm.loadDeferred(instance or list)");
        }
        if (isClosed()) {
            throw new LazyLoadException(where + " is deferred and the Orm that read it is closed: load it with the "
                    + "rows (only/defer) while the database is open");
        }
        io.covet.orm.internal.Deferral.load(runtime, instance, field);
    }

    /** Reloads every field of a saved instance from its database, discarding unsaved changes. */
    public <T extends Entity> T refresh(T instance) {
        runtime.checkOpen();
        runtime.writer().refresh(instance);
        return instance;
    }

    /**
     * Validates an instance: per field (null, length, choices, e-mail/URL/slug format, decimal digits,
     * validators), then the model's {@link Entity#clean}, then uniqueness on the instance's database (or the
     * default): one query per unique field, unique-together set and unique index for another row with the same
     * values, the instance's own row excluded and, on a {@code @SoftDelete} model, only live rows counted. Reports
     * every problem at once. ({@code save} runs the checks without the queries unless given
     * {@link SaveOptions#validated()}.)
     *
     * @throws ValidationException listing the problems
     */
    public void fullClean(Entity instance) {
        fullClean(instance, instance.covetDatabase);
    }

    private <T extends Entity> void fullClean(T instance, String database) {
        io.covet.orm.spi.ModelType<T> type = runtime.typeOf(instance);
        Validation.fullClean(type, instance,
                errors -> io.covet.orm.internal.UniqueChecks.check(runtime, type, instance, database, errors));
    }

    /**
     * {@link #save(Entity)} with options: {@link SaveOptions#validated()} runs the whole {@link #fullClean} first,
     * uniqueness queries included, so a duplicate is reported as a {@link ValidationException} naming every
     * violated rule, and nothing is written. The database's constraint stays the authority: a concurrent writer can
     * insert the same values between the check and the write; the write's {@code UniqueViolation} is then reported
     * as the same {@link ValidationException} (the rule named by the violation, the instance's values, the violation
     * as its cause). A violation of a rule the model does not declare (the primary key, say) stays a
     * {@code UniqueViolation}.
     *
     * @throws ValidationException when the instance is not valid, also when a concurrent writer won the race;
     *                             nothing is written
     */
    public <T extends Entity> T save(T instance, SaveOptions options) {
        String database = options.database() != null ? options.database() : instance.covetDatabase;
        io.covet.orm.internal.Keys.requireWritable(runtime.typeOrNull(instance.getClass()), "save");
        if (options.validateUnique()) {
            fullClean(instance, database);
        }
        try {
            runtime.save(instance, database);
        } catch (io.covet.core.error.UniqueViolation v) {
            if (!options.validateUnique()) {
                throw v;
            }
            // a concurrent writer won between the check and the write: report it as the check would have
            throw io.covet.orm.internal.UniqueRace.translate(runtime.typeOf(instance), instance, v,
                    OrmSchema.of(this).table(runtime.typeOf(instance).meta().table()).orElse(null));
        }
        return instance;
    }

    /**
     * Creates the registered models' tables, indexes, constraints and join tables on the default database: the
     * {@linkplain OrmSchema schema state} that migrations would create from the same models, rendered by the
     * migrations' DDL, so a later {@code makemigrations} or drift check finds nothing to change. Referenced tables
     * are created first. For tests and first runs; schema changes belong to migrations. Where DDL is transactional
     * (PostgreSQL, SQLite) all statements run in one transaction, so a failure (a table exists already, say) leaves
     * nothing behind; on MariaDB, which commits each DDL statement, the ones before the failure stay.
     */
    public void createTables() {
        createTables(runtime.defaultName());
    }

    /** {@link #createTables()} on the named database. */
    public void createTables(String database) {
        Database db = database(database);
        List<Ddl.Statement> statements = Ddl.statements(schema(), db.dialect());
        if (db.supports(io.covet.core.dialect.Feature.TRANSACTIONAL_DDL)) {
            db.atomicRun(tx -> statements.forEach(s -> db.sql(s.sql()).tables(List.of(s.table())).execute()));
        } else {
            statements.forEach(s -> db.sql(s.sql()).tables(List.of(s.table())).execute());
        }
    }

    /** The CREATE statements {@link #createTables()} runs, for an engine at a recent version. */
    public List<String> ddl(Engine engine) {
        return Ddl.create(schema(), io.covet.core.dialect.Dialect.of(engine));
    }

    /** Whether {@link #close()} was called: lazy loads are refused from then on. */
    public boolean isClosed() {
        return runtime.isClosed();
    }

    /** Ends lazy loading for instances read through this Orm; the databases stay open. */
    @Override
    public void close() {
        runtime.close();
    }

    OrmRuntime runtime() {
        return runtime;
    }

    /** The query set of a reverse or many-to-many relation of {@code owner}. */
    /** The error of a lazy load whose target is soft-deleted, or null (see {@link Ref#get()}). */
    DoesNotExist deletedTarget(ModelType<?> target, Object id, String database, String where) {
        return SoftDeletes.deletedTarget(runtime, target, id, runtime.databaseName(database), where);
    }

    <T extends Entity> QuerySet<T> relatedQuery(Entity owner, String relation) {
        return new QuerySet<>(this, Relations.query(runtime, owner, relation));
    }

    M2mOps m2m(Entity owner, String relation) {
        return new M2mOps(runtime, owner, relation);
    }

    /** Builds an {@link Orm}; not thread-safe. */
    public static final class Builder {
        private final Map<String, Database> databases = new LinkedHashMap<>();
        private final Map<String, ModelType<?>> types = new LinkedHashMap<>();
        private final Map<Signal, List<OrmRuntime.Listener>> listeners = new EnumMap<>(Signal.class);
        private final List<PersistenceHook> hooks = new ArrayList<>();
        private Databases registry;
        private String defaultName;
        private boolean validateOnSave = true;
        private boolean strictDeferredFields;

        private Builder() {
        }

        /**
         * Whether a deferred field asked for through {@link Entity#ensureLoaded} throws
         * {@link DeferredFieldException} instead of loading it with one query (default false: it loads). For N+1
         * hunting in tests; {@link Orm#loadDeferred} still loads.
         */
        public Builder strictDeferredFields(boolean strict) {
            this.strictDeferredFields = strict;
            return this;
        }

        /** Adds a database under its own name; the first database added is the default. */
        public Builder database(Database db) {
            return database(db.name(), db);
        }

        /** Adds a database under a name ({@code using("name")}); the first database added is the default. */
        public Builder database(String name, Database db) {
            if (databases.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(db, "db")) != null) {
                throw new ConfigurationException("two databases are named '" + name + "'");
            }
            if (defaultName == null) {
                defaultName = name;
            }
            return this;
        }

        /** Resolves names not given to {@link #database} through a registry, opening them on first use. */
        public Builder databases(Databases dbs) {
            this.registry = Objects.requireNonNull(dbs, "dbs");
            if (defaultName == null && dbs.contains(DEFAULT)) {
                defaultName = DEFAULT;
            }
            return this;
        }

        /** Names the default database (the first one added unless set). */
        public Builder defaultDatabase(String name) {
            this.defaultName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Registers models. */
        public Builder models(ModelType<?>... models) {
            for (ModelType<?> m : models) {
                types.put(m.meta().name(), m);
            }
            return this;
        }

        /** Calls {@code listener} for {@code signal} on instances of {@code model} (and its subclasses). */
        @SuppressWarnings("unchecked")
        public <T extends Entity> Builder on(Signal signal, Class<T> model, SignalListener<? super T> listener) {
            listeners.computeIfAbsent(signal, k -> new ArrayList<>())
                    .add(new OrmRuntime.Listener(model, (SignalListener<Entity>) listener));
            return this;
        }

        /** Adds a hook to the write path (history, audit, soft delete). */
        public Builder hook(PersistenceHook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** Whether {@code save} runs {@code fullClean} first (default true). Bulk operations never do. */
        public Builder validateOnSave(boolean validate) {
            this.validateOnSave = validate;
            return this;
        }

        /** Refuses a {@code @History(capture = SYSTEM_VERSIONING)} model with a database other than MariaDB. */
        private void requireSystemVersioningEngines(List<Engine> engines) {
            for (io.covet.orm.spi.ModelType<?> t : types.values()) {
                if (io.covet.orm.internal.SystemTimeReads.versioned(t.meta())) {
                    for (Engine e : engines) {
                        if (e != Engine.MARIADB) {
                            throw io.covet.schema.SystemVersioning.unsupported(e, t.meta().table());
                        }
                    }
                }
            }
        }

        /**
         * Validates every model against every engine of the databases given to {@link #database} and builds the
         * Orm.
         *
         * @throws ModelValidationException listing every problem
         * @throws ConfigurationException   when no database is given
         * @throws io.covet.core.error.UnsupportedFeature when a {@code @History(capture = SYSTEM_VERSIONING)} model
         *                                                meets a database that is not MariaDB
         */
        public Orm build() {
            if (defaultName == null) {
                throw new ConfigurationException("an Orm needs at least one database: call database(db)");
            }
            List<Engine> engines = new ArrayList<>();
            databases.values().forEach(db -> {
                if (!engines.contains(db.engine().family())) {
                    engines.add(db.engine().family());
                }
            });
            requireSystemVersioningEngines(engines);
            io.covet.orm.internal.ArrayFields.refuseWithout(types, databases.values());
            List<String> problems = RegistryValidator.validate(types, engines);
            if (!problems.isEmpty()) {
                throw new ModelValidationException(problems);
            }
            return new Orm(this);
        }
    }
}
