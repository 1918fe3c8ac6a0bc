package io.covet.migrate;

import io.covet.core.engine.Engine;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conformance cases after Django's autodetector tests: each builds the state the migrations give, the state the
 * models want, and pins the operations generated (kinds and order); every case also checks that the operations
 * really take the one state to the other.
 */
class AutodetectorTest {
    static final ColumnType BIG = ColumnType.of(ColumnType.Kind.BIGINT);
    static final ColumnType TEXT = ColumnType.of(ColumnType.Kind.TEXT);

    static Table model(String name, Column... cols) {
        List<Column> all = new ArrayList<>(List.of(Column.autoIncrement("id", BIG)));
        all.addAll(Arrays.asList(cols));
        return Table.of(name, all, List.of("id"));
    }

    static Column str(String name, int len) {
        return Column.of(name, ColumnType.varchar(len));
    }

    static ForeignKey fk(String table, String column, String ref, OnDelete onDelete) {
        return new ForeignKey(Names.of(table, List.of(column), "fk"), List.of(column), ref, List.of("id"), onDelete);
    }

    static Table author() {
        return model("author", str("name", 100));
    }

    static Table book() {
        return model("book", str("title", 200), Column.of("author_id", BIG))
                .withForeignKey(fk("book", "author_id", "author", OnDelete.CASCADE));
    }

    static ProjectState from(Table... tables) {
        ProjectState s = ProjectState.empty();
        for (Table t : tables) {
            s = s.apply("lib", new CreateModel(t));
        }
        return s;
    }

    static SchemaSource to(Table... tables) {
        return SchemaSource.of(Map.of("lib", List.of(tables)));
    }

    static List<Operation> detect(ProjectState from, SchemaSource to, Questioner q) {
        List<Operation> ops = Autodetector.operations(from, to, q).getOrDefault("lib", List.of());
        Schema s = from.schema();
        for (Operation o : ops) {
            s = o.apply(s);
        }
        for (Engine e : List.of(Engine.POSTGRESQL, Engine.SQLITE)) {
            assertThat(SchemaComparison.differences(to.schema(), s, e)).as("state after the operations").isEmpty();
        }
        return ops;
    }

    static List<Operation> detect(ProjectState from, SchemaSource to) {
        return detect(from, to, Questioner.nonInteractive(true));
    }

    static List<String> kinds(List<Operation> ops) {
        return ops.stream().map(o -> o.getClass().getSimpleName()).toList();
    }

    @Test
    void addModel() {
        assertThat(kinds(detect(from(author()), to(author(), book())))).containsExactly("CreateModel");
    }

    @Test
    void removeModel() {
        assertThat(kinds(detect(from(author(), book()), to(author())))).containsExactly("DeleteModel");
    }

    @Test
    void noChangesMeansNoOperations() {
        assertThat(detect(from(author(), book()), to(author(), book()))).isEmpty();
    }

    @Test
    void addFieldWithDefault() {
        Column c = Column.of("rank", BIG).withDefault(ColumnDefault.value("0"));
        List<Operation> ops = detect(from(author()), to(author().withColumn(c)));
        assertThat(ops).containsExactly(new AddField("author", c, null));
    }

    @Test
    void addNullableField() {
        Column c = Column.nullable("bio", TEXT);
        assertThat(detect(from(author()), to(author().withColumn(c)))).containsExactly(new AddField("author", c, null));
    }

    @Test
    void addNotNullFieldWithoutDefaultAsksForAOneOffValue() {
        Column c = Column.of("age", BIG);
        Questioner q = new Questioner() {
            public boolean renameModel(String a, String b) {
                return false;
            }

            public boolean renameField(String t, String a, String b) {
                return false;
            }

            public ColumnDefault oneOffDefault(String table, Column column) {
                return ColumnDefault.value("18");
            }
        };
        assertThat(detect(from(author()), to(author().withColumn(c)), q))
                .containsExactly(new AddField("author", c, ColumnDefault.value("18")));
    }

    @Test
    void addNotNullFieldWithoutDefaultIsRefusedNonInteractively() {
        assertThatThrownBy(() -> detect(from(author()), to(author().withColumn(Column.of("age", BIG)))))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("cannot add NOT NULL column author.age without a default");
    }

    @Test
    void removeField() {
        assertThat(detect(from(author(), book()), to(author(), book().withoutColumn("title"))))
                .containsExactly(new RemoveField("book", "title"));
    }

    @Test
    void alterFieldMaxLength() {
        assertThat(detect(from(author()), to(model("author", str("name", 200)))))
                .containsExactly(new AlterField("author", str("name", 200)));
    }

    @Test
    void alterFieldNullability() {
        Column c = Column.nullable("name", ColumnType.varchar(100));
        assertThat(detect(from(author()), to(model("author", c)))).containsExactly(new AlterField("author", c));
    }

    @Test
    void alterFieldDefault() {
        Column c = str("name", 100).withDefault(ColumnDefault.value("anonymous"));
        assertThat(detect(from(author()), to(model("author", c)))).containsExactly(new AlterField("author", c));
    }

    @Test
    void alterFieldType() {
        Column c = Column.of("name", TEXT);
        assertThat(detect(from(author()), to(model("author", c)))).containsExactly(new AlterField("author", c));
    }

    @Test
    void renameFieldWhenConfirmed() {
        assertThat(detect(from(author()), to(model("author", str("full_name", 100)))))
                .containsExactly(new RenameField("author", "name", "full_name"));
    }

    @Test
    void renameFieldDeclinedBecomesRemoveAndAdd() {
        List<Operation> ops = detect(from(author()), to(model("author", str("full_name", 100)
                .withDefault(ColumnDefault.value("")))), Questioner.nonInteractive(false));
        assertThat(kinds(ops)).containsExactly("RemoveField", "AddField");
    }

    @Test
    void renameFieldReferencedByAForeignKeyKeepsTheKey() {
        Table a = Table.of("author", List.of(Column.of("code", ColumnType.varchar(10))), List.of("code"));
        Table b = model("book", Column.of("author_code", ColumnType.varchar(10)))
                .withForeignKey(new ForeignKey("book_author_fk", List.of("author_code"), "author", List.of("code"),
                        OnDelete.CASCADE));
        Table a2 = Table.of("author", List.of(Column.of("key", ColumnType.varchar(10))), List.of("key"));
        Table b2 = b.withForeignKeys(List.of(new ForeignKey("book_author_fk", List.of("author_code"), "author",
                List.of("key"), OnDelete.CASCADE)));
        assertThatThrownBy(() -> detect(from(a, b), to(a2, b2), Questioner.nonInteractive(false)))
                .hasMessageContaining("primary key of author");
        assertThat(detect(from(a, b), to(a2, b2))).containsExactly(new RenameField("author", "code", "key"));
    }

    @Test
    void renameModelWhenConfirmed() {
        assertThat(detect(from(author()), to(author().withName("writer"))))
                .containsExactly(new RenameModel("author", "writer"));
    }

    @Test
    void renameModelWithForeignKeysPointingAtIt() {
        Table writer = author().withName("writer");
        Table book = model("book", str("title", 200), Column.of("author_id", BIG))
                .withForeignKey(new ForeignKey(fk("book", "author_id", "author", OnDelete.CASCADE).name(),
                        List.of("author_id"), "writer", List.of("id"), OnDelete.CASCADE));
        assertThat(detect(from(author(), book()), to(writer, book)))
                .containsExactly(new RenameModel("author", "writer"));
    }

    @Test
    void renameModelWithItsOwnForeignKeyKeepsTheKeyUnderItsOldName() {
        Table volume = book().withName("volume").withForeignKeys(List.of(fk("volume", "author_id", "author",
                OnDelete.CASCADE)));
        ProjectState from = from(author(), book());
        List<Operation> ops = Autodetector.operations(from, to(author(), volume), Questioner.nonInteractive(true))
                .get("lib");
        assertThat(ops).containsExactly(new RenameModel("book", "volume"));
    }

    @Test
    void renameModelDeclinedDropsAndCreatesWithTheKeysInOrder() {
        Table writer = author().withName("writer");
        Table book = book().withForeignKeys(List.of(new ForeignKey("book_writer_fk", List.of("author_id"), "writer",
                List.of("id"), OnDelete.CASCADE)));
        List<Operation> ops = detect(from(author(), book()), to(writer, book), Questioner.nonInteractive(false));
        assertThat(kinds(ops)).containsExactly("RemoveConstraint", "DeleteModel", "CreateModel", "AddConstraint");
    }

    @Test
    void changeForeignKeyTarget() {
        Table pub = model("publisher", str("name", 100));
        Table book2 = book().withForeignKeys(List.of(fk("book", "author_id", "publisher", OnDelete.CASCADE)
                .withRefTable("publisher")));
        Table book2b = new Table("book", book2.columns(), book2.primaryKey(), List.of(), List.of(), List.of(),
                List.of(new ForeignKey("book_publisher_fk", List.of("author_id"), "publisher", List.of("id"),
                        OnDelete.CASCADE)));
        List<Operation> ops = detect(from(author(), book(), pub), to(author(), book2b, pub));
        assertThat(kinds(ops)).containsExactly("RemoveConstraint", "AddConstraint");
    }

    @Test
    void changeOnDelete() {
        Table b = book().withForeignKeys(List.of(fk("book", "author_id", "author", OnDelete.SET_NULL)));
        Table b2 = b.withColumn(Column.nullable("author_id", BIG));
        assertThat(kinds(detect(from(author(), book()), to(author(), b2))))
                .containsExactly("RemoveConstraint", "AlterField", "AddConstraint");
    }

    @Test
    void addForeignKeyToANewModelCreatesTheModelFirst() {
        Table b = model("book", str("title", 200));
        Table withFk = book().withColumn(Column.nullable("author_id", BIG));
        List<Operation> ops = detect(from(b), to(author(), withFk));
        assertThat(kinds(ops)).containsExactly("CreateModel", "AddField", "AddConstraint");
        assertThat(((CreateModel) ops.get(0)).table().name()).isEqualTo("author");
    }

    @Test
    void newModelsAreCreatedReferencedFirst() {
        Table z = model("z_author", str("name", 50));
        Table a = model("a_book", Column.of("z_id", BIG)).withForeignKey(fk("a_book", "z_id", "z_author", OnDelete.CASCADE));
        List<Operation> ops = detect(from(), to(a, z));
        assertThat(ops).extracting(o -> ((CreateModel) o).table().name()).containsExactly("z_author", "a_book");
    }

    @Test
    void circularForeignKeysBetweenNewModelsAreDeferred() {
        Table a = model("a", Column.nullable("b_id", BIG)).withForeignKey(fk("a", "b_id", "b", OnDelete.SET_NULL));
        Table b = model("b", Column.nullable("a_id", BIG)).withForeignKey(fk("b", "a_id", "a", OnDelete.SET_NULL));
        assertThat(kinds(detect(from(), to(a, b)))).containsExactly("CreateModel", "CreateModel", "AddConstraint");
    }

    @Test
    void selfReferencingNewModelKeepsItsKeyInline() {
        Table emp = model("employee", Column.nullable("boss_id", BIG))
                .withForeignKey(fk("employee", "boss_id", "employee", OnDelete.SET_NULL));
        List<Operation> ops = detect(from(), to(emp));
        assertThat(ops).containsExactly(new CreateModel(emp));
    }

    @Test
    void removedModelsAreDeletedReferencingFirst() {
        List<Operation> ops = detect(from(author(), book()), to());
        assertThat(ops).containsExactly(new DeleteModel("book"), new DeleteModel("author"));
    }

    static Table bookAuthors() {
        return new Table("book_authors", List.of(Column.of("book_id", BIG), Column.of("author_id", BIG)),
                List.of("book_id", "author_id"), List.of(), List.of(), List.of(),
                List.of(fk("book_authors", "book_id", "book", OnDelete.CASCADE),
                        fk("book_authors", "author_id", "author", OnDelete.CASCADE)));
    }

    @Test
    void addManyToManyCreatesTheJoinTableAfterBothEnds() {
        Table book = model("book", str("title", 200));
        List<Operation> ops = detect(from(book), to(book, author(), bookAuthors()));
        assertThat(ops).extracting(o -> ((CreateModel) o).table().name()).containsExactly("author", "book_authors");
    }

    @Test
    void removeModelWithManyToManyDropsTheJoinTableFirst() {
        Table book = model("book", str("title", 200));
        List<Operation> ops = detect(from(book, author(), bookAuthors()), to(book));
        assertThat(ops).containsExactly(new DeleteModel("book_authors"), new DeleteModel("author"));
    }

    @Test
    void addUniqueTogether() {
        Table b = book().withUnique(new UniqueConstraint("book_title_author_id_uniq", List.of("title", "author_id")));
        assertThat(detect(from(author(), book()), to(author(), b)))
                .containsExactly(new AlterUniqueTogether("book", List.of(List.of("title", "author_id"))));
    }

    @Test
    void removeUniqueTogether() {
        Table b = book().withUnique(new UniqueConstraint("book_title_author_id_uniq", List.of("title", "author_id")));
        assertThat(detect(from(author(), b), to(author(), book())))
                .containsExactly(new AlterUniqueTogether("book", List.of()));
    }

    @Test
    void uniqueTogetherOnARemovedFieldIsDroppedBeforeTheField() {
        Table b = book().withUnique(new UniqueConstraint("book_title_author_id_uniq", List.of("title", "author_id")));
        List<Operation> ops = detect(from(author(), b), to(author(), book().withoutColumn("title")));
        assertThat(ops).containsExactly(new AlterUniqueTogether("book", List.of()), new RemoveField("book", "title"));
    }

    @Test
    void addIndex() {
        Index i = Index.of("book_title_idx", List.of("title"));
        assertThat(detect(from(author(), book()), to(author(), book().withIndex(i)))).containsExactly(new AddIndex("book", i));
    }

    @Test
    void addPartialIndex() {
        Index i = new Index("book_title_idx", List.of("title"), true, "author_id > 0");
        assertThat(detect(from(author(), book()), to(author(), book().withIndex(i)))).containsExactly(new AddIndex("book", i));
    }

    @Test
    void removeIndex() {
        Index i = Index.of("book_title_idx", List.of("title"));
        assertThat(detect(from(author(), book().withIndex(i)), to(author(), book())))
                .containsExactly(new RemoveIndex("book", "book_title_idx"));
    }

    @Test
    void renamedIndexIsRemovedThenAdded() {
        Index i = Index.of("book_title_idx", List.of("title"));
        Index j = Index.of("book_title_ix", List.of("title"));
        assertThat(detect(from(author(), book().withIndex(i)), to(author(), book().withIndex(j))))
                .containsExactly(new RemoveIndex("book", "book_title_idx"), new AddIndex("book", j));
    }

    @Test
    void removeFieldThatIsIndexedDropsTheIndexFirst() {
        Index i = Index.of("book_title_idx", List.of("title"));
        assertThat(detect(from(author(), book().withIndex(i)), to(author(), book().withoutColumn("title"))))
                .containsExactly(new RemoveIndex("book", "book_title_idx"), new RemoveField("book", "title"));
    }

    @Test
    void addCheckConstraint() {
        CheckConstraint c = new CheckConstraint("author_name_check", "name <> ''");
        assertThat(detect(from(author()), to(author().withCheck(c)))).containsExactly(new AddConstraint("author", c));
    }

    @Test
    void alterCheckConstraintRemovesThenAdds() {
        CheckConstraint c = new CheckConstraint("author_name_check", "name <> ''");
        CheckConstraint d = new CheckConstraint("author_name_check", "name <> 'x'");
        assertThat(detect(from(author().withCheck(c)), to(author().withCheck(d))))
                .containsExactly(new RemoveConstraint("author", "author_name_check"), new AddConstraint("author", d));
    }

    @Test
    void primaryKeyChangeIsRefusedWithAWayOut() {
        Table a = Table.of("author", List.of(Column.of("id", BIG), str("name", 100)), List.of("name"));
        assertThatThrownBy(() -> detect(from(author()), to(a))).hasMessageContaining("write that migration by hand");
    }

    @Test
    void crossAppMigrationDependsOnTheOtherAppsMigration() {
        MigrationGraph g = new MigrationGraph(List.of(new Migration(new MigrationKey("shop", "0001_initial"),
                List.of(), List.of(new CreateModel(author())))), Set.of());
        SchemaSource target = SchemaSource.of(Map.of("shop", List.of(author(), model("publisher")),
                "lib", List.of(book())));
        List<Migration> ms = Autodetector.migrations(g, target, Questioner.nonInteractive(true));
        assertThat(ms).extracting(m -> m.key().toString()).containsExactly("lib.0001_initial", "shop.0002_publisher");
        // book references shop's author, and shop gets a new migration in the same run: depend on the newest.
        assertThat(ms.get(0).dependencies()).containsExactly(new MigrationKey("shop", "0002_publisher"));
        assertThat(ms.get(1).dependencies()).containsExactly(new MigrationKey("shop", "0001_initial"));
    }

    @Test
    void migrationNamesFollowTheFirstOperation() {
        MigrationGraph g = new MigrationGraph(List.of(new Migration(new MigrationKey("lib", "0001_initial"),
                List.of(), List.of(new CreateModel(author())))), Set.of());
        List<Migration> ms = Autodetector.migrations(g, to(author().withColumn(Column.nullable("bio", TEXT))),
                Questioner.nonInteractive(true));
        assertThat(ms).singleElement().extracting(m -> m.key().toString()).isEqualTo("lib.0002_author_bio");
        assertThat(ms.get(0).dependencies()).containsExactly(new MigrationKey("lib", "0001_initial"));
    }
}
