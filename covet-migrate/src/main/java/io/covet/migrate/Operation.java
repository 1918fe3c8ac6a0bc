package io.covet.migrate;

import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;

import java.util.List;

/**
 * One immutable schema change: it knows how to change the schema state ({@link #apply}), the SQL (or Java) that
 * makes the change on an engine ({@link #forward}) and that undoes it ({@link #backward}), and how to say
 * what it does ({@link #describe}).
 *
 * <p>{@code before} is always the state before the operation runs forwards, so {@code backward(before, ddl)}
 * returns the database to {@code before}.
 */
public sealed interface Operation permits CreateModel, DeleteModel, RenameModel, AddField, RemoveField, AlterField,
        RenameField, AddIndex, RemoveIndex, AddConstraint, RemoveConstraint, AlterUniqueTogether, AlterEnumType, RunSql,
        RunJava, SeparateDatabaseAndState, CreateHistoryTriggers, DropHistoryTriggers, CreateExtension, CreateDomain,
        AddSystemVersioning, RemoveSystemVersioning, AddPartition {

    /** The state after this operation; throws {@link IllegalArgumentException} when it does not fit the state. */
    Schema apply(Schema before);

    /** The steps that apply this operation to a database in state {@code before}. */
    List<Step> forward(Schema before, SchemaDdl ddl);

    /**
     * The steps that revert this operation, given the state before it was applied.
     *
     * @throws IrreversibleOperation when it cannot be reverted
     */
    List<Step> backward(Schema before, SchemaDdl ddl);

    /** One line for people, e.g. {@code Add field price to product}. */
    String describe();

    /** Whether {@link #backward} can succeed. */
    default boolean reversible() {
        return true;
    }

    /**
     * The steps of {@code op} forwards with the enum types it brings and leaves: a type that the state after the
     * operation uses and the state before does not is created first ({@code CREATE TYPE} on PostgreSQL), one no
     * longer used after it is dropped last. Every place that runs or shows an operation's SQL goes through here.
     */
    static List<Step> forwardSteps(Operation op, Schema before, SchemaDdl ddl) {
        if (op instanceof SeparateDatabaseAndState) {
            return op.forward(before, ddl); // its database operations go through here one by one
        }
        Schema after = op.apply(before);
        return withEnumTypes(before, after, op.forward(before, ddl), ddl);
    }

    /** As {@link #forwardSteps} backwards: types the state before uses are back first, the others go last. */
    static List<Step> backwardSteps(Operation op, Schema before, SchemaDdl ddl) {
        if (op instanceof SeparateDatabaseAndState) {
            return op.backward(before, ddl);
        }
        Schema after = op.apply(before);
        return withEnumTypes(after, before, op.backward(before, ddl), ddl);
    }

    private static List<Step> withEnumTypes(Schema from, Schema to, List<Step> steps, SchemaDdl ddl) {
        java.util.Map<String, List<String>> had = from.enumTypes();
        java.util.Map<String, List<String>> has = to.enumTypes();
        List<Step> out = new java.util.ArrayList<>();
        has.forEach((name, labels) -> {
            if (!had.containsKey(name)) {
                out.addAll(sql(ddl.createEnumType(io.covet.schema.ColumnType.enumType(name, labels))));
            }
        });
        out.addAll(steps);
        had.keySet().stream().filter(name -> !has.containsKey(name)).forEach(name -> out.addAll(sql(ddl.dropEnumType(name))));
        return out;
    }

    /** SQL strings as steps. */
    static List<Step> sql(List<String> statements) {
        return statements.stream().<Step>map(Step.Sql::new).toList();
    }
}
