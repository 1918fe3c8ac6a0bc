package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.Databases;
import io.covet.core.engine.Engine;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.PersistenceHook;
import io.covet.orm.Signal;
import io.covet.orm.SignalListener;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What an {@code io.covet.orm.Orm} is made of, as the internals use it: its databases, the registered model
 * types, signal listeners, persistence hooks and the cache of rendered lookups by key. Immutable after
 * construction except for that cache and the closed flag; thread-safe. Not an API: {@code Orm} is its facade.
 * The facade is held as an opaque handle that only the API package casts back, so the implementation never
 * depends on the class that depends on it.
 */
public final class OrmRuntime {
    private final Object api;
    private final Map<String, Database> databases;
    private final Databases registry;
    private final String defaultName;
    private final Map<String, ModelType<?>> types;
    private final Map<Class<?>, ModelType<?>> byClass;
    private final Map<Signal, List<Listener>> listeners;
    private final List<PersistenceHook> hooks;
    private final boolean validateOnSave;
    private final Writer writer;
    private final SingleTables.Tree singleTables;
    private final ConcurrentMap<LookupKey, Optional<KeyLookup<?>>> keyLookups = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A signal listener and the model class (with subclasses) it listens to. */
    public record Listener(Class<?> model, SignalListener<Entity> listener) {
    }

    /** The key of a rendered lookup by primary key: the model's handle, the database name and its engine. */
    private record LookupKey(ModelType<?> type, String database, Engine engine) {
    }

    /**
     * The runtime of {@code api}; copies every collection.
     *
     * @param api            the facade (an {@code Orm}), attached to every instance read or saved (lazy loads go
     *                       through it); only handed back to the API, never used here
     * @param databases      the databases by name
     * @param registry       resolves other database names, or null
     * @param defaultName    the default database's name
     * @param types          the registered model types by class name, in registration order
     * @param listeners      the signal listeners
     * @param hooks          the persistence hooks, in order
     * @param validateOnSave whether {@code save} runs {@code fullClean} first
     */
    public OrmRuntime(Object api, Map<String, Database> databases, Databases registry, String defaultName,
                      Map<String, ModelType<?>> types, Map<Signal, List<Listener>> listeners,
                      List<PersistenceHook> hooks, boolean validateOnSave) {
        this.api = api;
        this.databases = Map.copyOf(databases);
        this.registry = registry;
        this.defaultName = defaultName;
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        Map<Class<?>, ModelType<?>> classes = new LinkedHashMap<>();
        types.values().forEach(t -> classes.put(t.javaClass(), t));
        this.byClass = Collections.unmodifiableMap(classes);
        Map<Signal, List<Listener>> ls = new EnumMap<>(Signal.class);
        listeners.forEach((k, v) -> ls.put(k, List.copyOf(v)));
        this.listeners = ls;
        this.hooks = List.copyOf(hooks);
        this.validateOnSave = validateOnSave;
        this.writer = new Writer(this);
        this.singleTables = new SingleTables.Tree(this.types.values());
        this.databases.values().forEach(db -> AppHistory.protect(db, this.types.values()));
    }

    /** Registry databases whose application-captured tables are protected already. */
    private final java.util.Set<String> protectedRegistryDatabases = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The facade, as given to the constructor: for {@link Access#attach}, which hands it to the instance. */
    public Object api() {
        return api;
    }

    /** The registered single-table hierarchies: each model's registered ancestor, descendants and values. */
    SingleTables.Tree singleTables() {
        return singleTables;
    }

    /** The default database's name. */
    public String defaultName() {
        return defaultName;
    }

    /**
     * A database by name (null for the default): one given to the builder, else one of the registry.
     *
     * @throws OrmUsageException naming the known databases when there is none of that name
     */
    public Database database(String name) {
        String key = databaseName(name);
        Database db = databases.get(key);
        if (db != null) {
            return db;
        }
        if (registry != null && registry.contains(key)) {
            Database found = registry.get(key);
            if (protectedRegistryDatabases.add(key)) {
                AppHistory.protect(found, types.values());
            }
            return found;
        }
        throw new OrmUsageException("no database named '" + key + "' is known to this Orm; known: "
                + databases.keySet() + (registry == null ? "" : " and " + registry.names()));
    }

    /** The name itself, or the default database's name for null. */
    public String databaseName(String name) {
        return name == null ? defaultName : name;
    }

    /**
     * The registered type of a model class.
     *
     * @throws OrmUsageException when the class is not registered
     */
    @SuppressWarnings("unchecked")
    public <T> ModelType<T> type(Class<T> model) {
        ModelType<?> t = byClass.get(model);
        if (t == null) {
            throw new OrmUsageException(model.getName() + " is not a registered model: add " + model.getSimpleName()
                    + "_.TYPE to Orm.builder().models(...)");
        }
        return (ModelType<T>) t;
    }

    /**
     * The registered type of a model by class name.
     *
     * @throws OrmUsageException when no model of that name is registered
     */
    public ModelType<?> type(String modelName) {
        ModelType<?> t = types.get(modelName);
        if (t == null) {
            throw new OrmUsageException(modelName + " is not a registered model");
        }
        return t;
    }

    /** The registered type of a model class, or null. */
    public ModelType<?> typeOrNull(Class<?> model) {
        return byClass.get(model);
    }

    /** Every registered model type, in registration order. */
    public Collection<ModelType<?>> types() {
        return types.values();
    }

    /** The metadata of every registered model, in registration order. */
    public List<ModelMeta> schema() {
        List<ModelMeta> out = new ArrayList<>();
        types.values().forEach(t -> out.add(t.meta()));
        return List.copyOf(out);
    }

    /**
     * The type of an instance: the one it was read or saved with, else its class's.
     *
     * @throws OrmUsageException when its class is not registered
     */
    @SuppressWarnings("unchecked")
    public <T extends Entity> ModelType<T> typeOf(T instance) {
        ModelType<?> attached = Access.get().type(instance);
        ModelType<?> t = attached != null ? attached : byClass.get(instance.getClass());
        if (t == null) {
            throw new OrmUsageException(instance.getClass().getName() + " is not a registered model: add "
                    + instance.getClass().getSimpleName() + "_.TYPE to Orm.builder().models(...)");
        }
        return (ModelType<T>) t;
    }

    /**
     * Refuses a type that is not the registered one of its name.
     *
     * @throws OrmUsageException saying how to register it
     */
    public void requireRegistered(ModelType<?> type) {
        if (types.get(type.meta().name()) != type) {
            throw new OrmUsageException(type.meta().simpleName() + " is not a registered model: add "
                    + type.meta().simpleName() + "_.TYPE to Orm.builder().models(...)");
        }
    }

    /** Sends a signal to the listeners of the instance's class. */
    public void send(Signal signal, Entity instance, boolean created, String database) {
        List<Listener> ls = listeners.get(signal);
        if (ls == null) {
            return;
        }
        for (Listener l : ls) {
            if (l.model().isInstance(instance)) {
                l.listener().on(instance, created, database);
            }
        }
    }

    /** The persistence hooks, in order. */
    public List<PersistenceHook> hooks() {
        return hooks;
    }

    /** Whether {@code save} runs {@code fullClean} first. */
    public boolean validateOnSave() {
        return validateOnSave;
    }

    /** The write path. */
    public Writer writer() {
        return writer;
    }

    /**
     * Inserts or updates an instance on the named database (null for the default).
     *
     * @throws OrmUsageException when closed
     */
    public <T extends Entity> void save(T instance, String database) {
        checkOpen();
        writer.save(java.util.Objects.requireNonNull(instance, "instance"), databaseName(database));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Ends lazy loading for instances read through this Orm. */
    public void close() {
        closed = true;
    }

    /**
     * Refuses use after {@link #close()}.
     *
     * @throws OrmUsageException when closed
     */
    public void checkOpen() {
        if (closed) {
            throw new OrmUsageException("this Orm is closed");
        }
    }

    /**
     * The rendered lookup by key of a model on a database, rendered once per model, database name and engine; null
     * when the model's lookup cannot be rendered with the key as its only parameter.
     */
    @SuppressWarnings("unchecked")
    <T extends Entity> KeyLookup<T> keyLookup(QuerySpec<T> spec, Database db) {
        // a record rather than a concatenated string: no text is built and hashed on every lookup by key
        LookupKey key = new LookupKey(spec.type(), databaseName(spec.database()), db.dialect().engine());
        Optional<KeyLookup<?>> plan = keyLookups.get(key);
        if (plan == null) {
            plan = Optional.ofNullable(QueryReads.renderKeyLookup(this, spec, db,
                    sampleKey(Keys.column(spec.type(), spec.type().table()).type())));
            keyLookups.putIfAbsent(key, plan);
        }
        return (KeyLookup<T>) plan.orElse(null);
    }

    private static Object sampleKey(Class<?> type) {
        if (type == Long.class) {
            return 0L;
        } else if (type == Integer.class) {
            return 0;
        } else if (type == Short.class) {
            return (short) 0;
        } else if (type == java.util.UUID.class) {
            return new java.util.UUID(0, 0);
        }
        return "";
    }
}
