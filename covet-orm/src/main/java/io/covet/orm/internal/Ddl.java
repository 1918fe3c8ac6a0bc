package io.covet.orm.internal;

import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Feature;
import io.covet.orm.OrmSchema;
import io.covet.orm.spi.ManyToManyMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.schema.ForeignKey;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE statements for the registered models: {@link OrmSchema}'s tables rendered by the migrations' own
 * {@link SchemaDdl}, so that {@code createTables()} and {@code migrate} make the same tables.
 *
 * <p>Tables come in registration order (each model's automatic join tables right after it), except that a table
 * waits until the tables it references exist. A reference to itself is declared in its CREATE TABLE. When
 * references form a cycle, the first waiting table is created without the references to tables that do not
 * exist yet, and those foreign keys are added by ALTER TABLE once every table exists; where ALTER TABLE cannot
 * add a constraint ({@link Feature#ALTER_ADD_CONSTRAINT}: SQLite, which resolves references only when rows are
 * written and could add a key only by rebuilding the table), they stay in CREATE TABLE. Database enum types
 * ({@code CREATE TYPE} on PostgreSQL) come first. Not an API.
 */
public final class Ddl {
    private Ddl() {
    }

    /**
     * One DDL statement and the table it creates or alters, named for the database's interceptors.
     *
     * @param sql   the statement
     * @param table the table it creates or alters (an index's table for CREATE INDEX)
     */
    public record Statement(String sql, String table) {
    }

    /** The CREATE statements of these models' tables, in an order that creates referenced tables first. */
    public static List<String> create(List<ModelMeta> models, Dialect dialect) {
        return statements(models, dialect).stream().map(Statement::sql).toList();
    }

    /** {@link #create} with the table of each statement. */
    public static List<Statement> statements(List<ModelMeta> models, Dialect dialect) {
        Schema schema = OrmSchema.of(models);
        SchemaDdl ddl = SchemaDdl.of(dialect);
        boolean inlineForwardKeys = !dialect.supports(Feature.ALTER_ADD_CONSTRAINT);
        List<String> todo = new ArrayList<>();
        for (ModelMeta m : models) {
            if (m.proxy()) {
                continue; // its concrete model creates the table
            }
            if (!m.singleTableSubclass()) {
                todo.add(m.table()); // a single-table subclass's root creates the shared table
            }
            // each join table once: a multi-table child or a subclass shares the ones it inherits
            m.manyToMany().stream().filter(ManyToManyMeta::automatic).map(ManyToManyMeta::table)
                    .filter(t -> !todo.contains(t)).forEach(todo::add);
        }
        Set<String> created = new LinkedHashSet<>();
        List<Statement> out = new ArrayList<>();
        List<Statement> later = new ArrayList<>();
        // enum types before the tables that use them (CREATE TYPE on PostgreSQL; inline elsewhere)
        schema.enumTypes().forEach((name, labels) -> {
            String user = schema.columnsOfEnum(name).firstKey();
            ddl.createEnumType(io.covet.schema.ColumnType.enumType(name, labels))
                    .forEach(sql -> out.add(new Statement(sql, user)));
        });
        while (!todo.isEmpty()) {
            String next = todo.stream().filter(n -> ready(schema.require(n), created)).findFirst().orElse(todo.get(0));
            Table t = schema.require(next);
            List<ForeignKey> now = new ArrayList<>();
            List<ForeignKey> deferred = new ArrayList<>();
            for (ForeignKey f : t.foreignKeys()) {
                (inlineForwardKeys || exists(f, t, created) ? now : deferred).add(f);
            }
            Table first = t.withForeignKeys(now);
            ddl.createTable(first).forEach(sql -> out.add(new Statement(sql, t.name())));
            for (ForeignKey f : deferred) {
                ddl.addForeignKey(first, t, f).forEach(sql -> later.add(new Statement(sql, t.name())));
            }
            created.add(next);
            todo.remove(next);
        }
        out.addAll(later);
        return out;
    }

    private static boolean ready(Table t, Set<String> created) {
        return t.foreignKeys().stream().allMatch(f -> exists(f, t, created));
    }

    private static boolean exists(ForeignKey f, Table from, Set<String> created) {
        return f.refTable().equals(from.name()) || created.contains(f.refTable());
    }
}
