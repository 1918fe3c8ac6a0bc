package io.covet.orm.inherit;

import io.covet.core.Database;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.orm.DoesNotExist;
import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.orm.Ref;
import io.covet.orm.ValidationException;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.schema.Table;
import io.covet.sql.Functions;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single-table inheritance: Item, Book and Film share sti_item, told apart by its kind column; saves write the
 * discriminator, every query of a subclass filters on it, the root loads each row as its subclass in one statement.
 */
class SingleTableTest {

    static Orm orm(Database db) {
        Orm orm = Orm.builder().database(db).models(Keeper_.TYPE, Item_.TYPE, Book_.TYPE, Film_.TYPE, Loan_.TYPE)
                .build();
        orm.createTables();
        return orm;
    }

    private static List<String> kinds(Scratch s) {
        return s.db().sql("SELECT kind FROM sti_item ORDER BY id").list(rs -> rs.getString(1));
    }

    private static List<String> titles(List<? extends Item> items) {
        return items.stream().map(i -> i.title).toList();
    }

    @AllEngines
    void savesWriteTheDiscriminatorIntoTheSharedTableAndNeverRewriteIt(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        rec.take();

        Book dune = orm.save(new Book("Dune", "978-0441", 412));
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.INSERT);
            assertThat(c.tables()).containsExactly("sti_item");
        });
        Film alien = orm.save(new Film("Alien", 117));
        Item lamp = orm.save(new Item("Lamp"));
        assertThat(kinds(s)).containsExactly("book", "film", "item");
        assertThat(s.db().sql("SELECT isbn, pages, minutes FROM sti_item WHERE id = ?", dune.id)
                .list(rs -> rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getObject(3)))
                .containsExactly("978-0441/412/null");
        assertThat(s.db().sql("SELECT isbn, minutes FROM sti_item WHERE id = ?", lamp.id)
                .list(rs -> rs.getString(1) + "/" + rs.getObject(2))).containsExactly("null/null");

        rec.take();
        dune.pages = 500;                                   // one UPDATE of the changed column, not the kind
        orm.save(dune);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo(Operation.UPDATE));
        orm.save(dune);
        assertThat(rec.take()).isEmpty();
        assertThat(orm.objects(Book_.TYPE).get(dune.id).pages).isEqualTo(500);

        // the root's plain list() reads a film's row as an Item; saving it keeps the row a film
        Item asItem = orm.objects(Item_.TYPE).get(alien.id);
        assertThat(asItem).isExactlyInstanceOf(Item.class);
        asItem.title = "Aliens";
        orm.save(asItem);
        assertThat(kinds(s)).containsExactly("book", "film", "item");
        assertThat(orm.objects(Film_.TYPE).get(alien.id).title).isEqualTo("Aliens");
        // the metamodel has the discriminator as a column of the root and of each subclass
        assertThat(orm.objects(Item_.TYPE).filter(Item_.KIND.eq("film")).count()).isEqualTo(1);
        assertThat(Book_.META.inheritance().value()).isEqualTo("book");
        assertThat(Film_.META.inheritance().value()).isEqualTo("film");
    }

    @AllEngines
    void aSubclassFieldThatIsNotNullableIsRequiredForThatSubclassOnly(Scratch s) {
        Orm orm = orm(s.db());
        Book noIsbn = new Book("Untitled", null, 10);
        assertThatThrownBy(() -> orm.save(noIsbn)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors()).containsExactly(Map.entry("isbn", List.of("this field cannot be null")));
            assertThat(e).hasMessage("Book is not valid: isbn: this field cannot be null");
        });
        assertThatThrownBy(() -> orm.fullClean(new Film("Short", null))).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("minutes"));
        assertThat(orm.objects(Item_.TYPE).count()).isZero();
        // the columns are nullable in the database: an item and a film leave the book's columns empty
        orm.save(new Item("Lamp"));
        Film f = new Film("Heat", 170);                    // Film.director is nullable in the model too
        orm.save(f);
        assertThat(orm.objects(Film_.TYPE).get(f.id).director).isNull();
        Schema schema = OrmSchema.of(orm);
        Table t = schema.require("sti_item");
        assertThat(t.columns()).extracting(c -> c.name() + (c.nullable() ? "?" : ""))
                .containsExactly("id", "title", "owner_id?", "kind", "isbn?", "pages?", "minutes?", "director?");
        assertThat(schema.tables()).extracting(Table::name).doesNotContain("book", "film");
    }

    @AllEngines
    void everyQueryOfASubclassFiltersByTheDiscriminator(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        Book dune = orm.save(new Book("Dune", "1", 412));
        orm.save(new Book("Emma", "2", 300));
        orm.save(new Book("Ubik", "3", 200));
        Film alien = orm.save(new Film("Alien", 117));
        orm.save(new Item("Lamp"));

        assertThat(orm.objects(Item_.TYPE).count()).isEqualTo(5);
        assertThat(orm.objects(Book_.TYPE).count()).isEqualTo(3);
        assertThat(orm.objects(Film_.TYPE).count()).isEqualTo(1);
        // Book's own ordering (-pages); filters on inherited and own fields
        assertThat(titles(orm.objects(Book_.TYPE).list())).containsExactly("Dune", "Emma", "Ubik");
        assertThat(titles(orm.objects(Book_.TYPE).filter(Book_.PAGES.lt(400)).orderBy(Book_.TITLE.desc()).list()))
                .containsExactly("Ubik", "Emma");
        // a filter on the root's field matching rows of another subclass finds none of them
        assertThat(orm.objects(Film_.TYPE).filter(Film_.TITLE.eq("Dune")).exists()).isFalse();
        assertThat(orm.objects(Book_.TYPE).filter(Book_.TITLE.eq("Dune")).exists()).isTrue();
        assertThatThrownBy(() -> orm.objects(Book_.TYPE).get(alien.id)).isInstanceOf(DoesNotExist.class);
        assertThat(orm.objects(Film_.TYPE).get(alien.id).minutes).isEqualTo(117);
        // aggregates and values
        assertThat(orm.objects(Book_.TYPE).aggregate(Functions.count())).isEqualTo(3L);
        assertThat(orm.objects(Film_.TYPE).valuesFlat(Film_.TITLE)).containsExactly("Alien");
        // only(): fewer columns, the same rows; a save of the partial instance writes the changed field only
        List<Book> partial = orm.objects(Book_.TYPE).only(Book_.TITLE).list();
        assertThat(titles(partial)).containsExactly("Dune", "Emma", "Ubik");
        partial.get(0).title = "Dune!";
        orm.save(partial.get(0));
        assertThat(orm.objects(Book_.TYPE).get(dune.id).isbn).isEqualTo("1");
        assertThat(kinds(s)).containsExactly("book", "book", "book", "film", "item");
        rec.take();
        // update() and delete() of a subclass touch its rows only
        assertThat(orm.objects(Book_.TYPE).update(Book_.TITLE.set("X"))).isEqualTo(3);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo(Operation.UPDATE));
        assertThat(orm.objects(Item_.TYPE).orderBy(Item_.ID.asc()).valuesFlat(Item_.TITLE))
                .containsExactly("X", "X", "X", "Alien", "Lamp");
        assertThat(orm.objects(Film_.TYPE).filter(Film_.ID.eq(dune.id)).delete()).isZero();
        assertThat(orm.objects(Book_.TYPE).filter(Book_.PAGES.gt(250)).delete()).isEqualTo(2);
        assertThat(kinds(s)).containsExactly("book", "film", "item");
        assertThat(orm.objects(Book_.TYPE).delete()).isEqualTo(1);
        assertThat(kinds(s)).containsExactly("film", "item");
    }

    @AllEngines
    void relationsToASubclassJoinPrefetchAndCascadeOnItsRowsOnly(Scratch s) {
        Orm orm = orm(s.db());
        Keeper kim = orm.save(new Keeper("Kim"));
        Book dune = new Book("Dune", "1", 412);
        dune.owner = Ref.to(kim);
        orm.save(dune);
        Book emma = orm.save(new Book("Emma", "2", 300));
        Film alien = orm.save(new Film("Alien", 117));
        orm.save(new Loan(dune, "Ann"));
        orm.save(new Loan(dune, "Bob"));
        orm.save(new Loan(emma, "Cid"));

        // selectRelated and a filter across the relation; the lazy reference loads a Book
        Loan cid = orm.objects(Loan_.TYPE).filter(Loan_.BOOK, b -> b.pages.lt(400)).selectRelated(Loan_.BOOK).get();
        assertThat(cid.borrower).isEqualTo("Cid");
        assertThat(cid.book.get()).isExactlyInstanceOf(Book.class).extracting(b -> b.isbn).isEqualTo("2");
        assertThat(orm.objects(Loan_.TYPE).get(cid.id).book.get().title).isEqualTo("Emma");
        // a reference that holds the key of a film's row is not a book: the join on the subclass excludes it
        s.db().sql("UPDATE sti_loan SET book_id = ? WHERE id = ?", alien.id, cid.id).execute();
        assertThat(orm.objects(Loan_.TYPE).filter(Loan_.BOOK, b -> b.title.eq("Alien")).count()).isZero();
        s.db().sql("UPDATE sti_loan SET book_id = ? WHERE id = ?", emma.id, cid.id).execute();
        // prefetch both ways
        List<Book> books = orm.objects(Book_.TYPE).prefetchRelated(Book_.LOANS).list();
        assertThat(books).extracting(b -> b.title + ":" + b.loans.all().size()).containsExactly("Dune:2", "Emma:1");
        List<Loan> loans = orm.objects(Loan_.TYPE).prefetchRelated(Loan_.BOOK).list();
        assertThat(loans).extracting(l -> l.book.get().title).containsExactly("Dune", "Dune", "Emma");

        // deleting a book cascades to its loans; deleting it as an Item too
        orm.delete(emma);
        assertThat(orm.objects(Loan_.TYPE).valuesFlat(Loan_.BORROWER)).containsExactly("Ann", "Bob");
        // a cascade through the root's foreign key (Item.owner) removes the book's row and its loans
        orm.delete(kim);
        assertThat(orm.objects(Loan_.TYPE).count()).isZero();
        assertThat(kinds(s)).containsExactly("film");
        orm.save(new Loan(orm.save(new Book("Ubik", "3", 200)), "Dee"));
        orm.delete(orm.objects(Item_.TYPE).get(orm.objects(Book_.TYPE).get().id));
        assertThat(orm.objects(Loan_.TYPE).count()).isZero();
    }

    @AllEngines
    void bulkCreateOfASubclassWritesItsDiscriminatorAndAPolymorphicQueryTakesSelectRelatedAndAnnotations(
            Scratch s) {
        Orm orm = orm(s.db());
        orm.objects(Book_.TYPE).bulkCreate(List.of(new Book("Dune", "1", 412), new Book("Emma", "2", 300)));
        orm.objects(Film_.TYPE).bulkCreate(List.of(new Film("Alien", 117)));
        assertThat(kinds(s)).containsExactly("book", "book", "film");
        assertThat(orm.objects(Book_.TYPE).count()).isEqualTo(2);
        Keeper kim = orm.save(new Keeper("Kim"));
        Item lamp = new Item("Lamp");
        lamp.owner = io.covet.orm.Ref.to(kim);
        orm.save(lamp);
        Book ubik = new Book("Ubik", "3", 200);
        ubik.owner = io.covet.orm.Ref.to(kim);
        orm.save(ubik);

        Recorder rec = new Recorder();
        Orm watched = Orm.builder().database(s.open(b -> b.interceptor(rec))).models(Keeper_.TYPE, Item_.TYPE,
                Book_.TYPE, Film_.TYPE, Loan_.TYPE).build();
        rec.take();
        List<Item> items = watched.objects(Item_.TYPE).filter(Item_.TITLE.ne("Emma")).orderBy(Item_.TITLE.desc())
                .selectRelated(Item_.OWNER).annotate("shout", io.covet.sql.Functions.upper(Item_.TITLE))
                .listPolymorphic();
        assertThat(items).extracting(i -> i.getClass().getSimpleName() + ":" + i.title + ":" + i.annotation("shout"))
                .containsExactly("Book:Ubik:UBIK", "Item:Lamp:LAMP", "Book:Dune:DUNE", "Film:Alien:ALIEN");
        assertThat(((Book) items.get(0)).pages).isEqualTo(200);
        assertThat(items.get(0).owner.get().name).isEqualTo("Kim");
        assertThat(items.get(1).owner.get().name).isEqualTo("Kim");
        assertThat(rec.take()).hasSize(1);                   // the owners came with the one statement
        // an aggregate annotation: one group per row
        assertThat(watched.objects(Item_.TYPE).annotate("n", io.covet.sql.Functions.count()).listPolymorphic())
                .extracting(i -> i.annotation("n")).hasSize(5).containsOnly(1L);
    }

    @AllEngines
    void aPolymorphicQueryOnTheRootReturnsEachRowAsItsSubclassInOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        orm.save(new Book("Dune", "1", 412));
        orm.save(new Film("Alien", 117));
        orm.save(new Item("Lamp"));
        orm.save(new Book("Emma", "2", 300));
        rec.take();

        List<Item> items = orm.objects(Item_.TYPE).filter(Item_.TITLE.ne("Emma")).listPolymorphic();
        List<StatementContext> sent = rec.take();
        assertThat(sent).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("sti_item"));
        assertThat(items).extracting(i -> i.getClass().getSimpleName() + ":" + i.title)
                .containsExactly("Film:Alien", "Book:Dune", "Item:Lamp");     // Item's ordering: title
        assertThat(((Film) items.get(0)).minutes).isEqualTo(117);
        Book dune = (Book) items.get(1);
        assertThat(dune.isbn).isEqualTo("1");
        assertThat(dune.pages).isEqualTo(412);

        // attached as their subclass: a save validates and writes as a Book
        dune.pages = 413;
        orm.save(dune);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo(Operation.UPDATE));
        assertThat(orm.objects(Book_.TYPE).get(dune.id).pages).isEqualTo(413);
        assertThat(kinds(s)).containsExactly("book", "film", "item", "book");
        // slicing applies to the one statement; plain list() stays Items; a subclass lists itself
        assertThat(orm.objects(Item_.TYPE).orderBy(Item_.TITLE.desc()).limit(1).listPolymorphic())
                .singleElement().isExactlyInstanceOf(Item.class);
        assertThat(orm.objects(Item_.TYPE).list()).allMatch(i -> i.getClass() == Item.class);
        assertThat(titles(orm.objects(Book_.TYPE).listPolymorphic())).containsExactly("Dune", "Emma");
    }

    @AllEngines
    void theSharedTableHasEverySubclassColumnAndAnIndexedDiscriminatorAndMatchesTheLiveSchema(Scratch s) {
        Orm orm = orm(s.db());
        Schema expected = OrmSchema.of(orm);
        Table t = expected.require("sti_item");
        assertThat(t.indexes()).anySatisfy(i -> assertThat(i.columns()).containsExactly("kind"));
        // a foreign key to a subclass references the shared table
        assertThat(expected.require("sti_loan").foreignKeys()).singleElement()
                .satisfies(fk -> assertThat(fk.refTable()).isEqualTo("sti_item"));
        assertThat(SchemaComparison.differences(expected, Introspector.read(s.db()), s.engine(), "the models"))
                .isEmpty();
        // the registry refuses a subclass without its root
        assertThatThrownBy(() -> Orm.builder().database(s.db()).models(Book_.TYPE).build())
                .hasMessageContaining("single-table subclass Book extends Item, which is not registered: add "
                        + "Item_.TYPE to Orm.builder().models(...) (its table holds the subclass's rows)");
    }
}
