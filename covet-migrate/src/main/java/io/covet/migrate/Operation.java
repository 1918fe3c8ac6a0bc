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
        RenameField, AddIndex, RemoveIndex, AddConstraint, RemoveConstraint, AlterUniqueTogether, RunSql, RunJava,
        SeparateDatabaseAndState {

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

    /** SQL strings as steps. */
    static List<Step> sql(List<String> statements) {
        return statements.stream().<Step>map(Step.Sql::new).toList();
    }
}
