package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;

/**
 * Runs a {@link DataMigration} class by name, inside the migration's transaction where the engine has one. The
 * class is loaded when the step runs (from the context class loader), so {@code sqlmigrate} works without it.
 */
public record RunJava(String className, List<String> args) implements Operation {
    /** Copies the arguments (none when null). */
    public RunJava {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A data migration without arguments. */
    public RunJava(String className) {
        this(className, List.of());
    }

    @Override
    public Schema apply(Schema before) {
        return before;
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return List.of(new Step.Java("RunJava " + className + ".forward", ctx -> instance().forward(ctx.withArgs(args))));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        if (!reversible()) {
            throw new IrreversibleOperation("RunJava " + className + " does not override backward(), so its migration "
                    + "cannot be unapplied. Implement DataMigration.backward (empty if there is nothing to undo).");
        }
        return List.of(new Step.Java("RunJava " + className + ".backward", ctx -> instance().backward(ctx.withArgs(args))));
    }

    @Override
    public boolean reversible() {
        try {
            return type().getMethod("backward", MigrationContext.class).getDeclaringClass() != DataMigration.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private Class<? extends DataMigration> type() {
        try {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            return Class.forName(className, true, cl == null ? RunJava.class.getClassLoader() : cl)
                    .asSubclass(DataMigration.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new MigrationException("RunJava names " + className + ", which is not a DataMigration class on the "
                    + "classpath; check the name in the migration file or add the class (and --classpath)", e);
        }
    }

    private DataMigration instance() throws ReflectiveOperationException {
        return type().getConstructor().newInstance();
    }

    @Override
    public String describe() {
        return "Run Java " + className;
    }
}
