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
 * Single-table subclasses of subclasses: Item → Book → EBook → AudioBook, with Comic beside EBook and Film beside
 * Book, all in sti_item. A middle class's queries see its rows and its descendants' ({@code kind IN (...)}), a
 * polymorphic query on any level returns the most derived model per row in one statement.
 */
class SingleTableDepthTest {

    static Orm orm(Database db) {
        Orm orm = Orm.builder().database(db).models(Keeper_.TYPE, Item_.TYPE, Book_.TYPE, Film_.TYPE, Loan_.TYPE,
                EBook_.TYPE, AudioBook_.TYPE, Comic_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static List<String> kinds(Scratch s) {
        return s.db().sql("SELECT kind FROM sti_item ORDER BY id").list(rs -> rs.getString(1));
    }

    private static List<String> titles(List<? extends Item> items) {
        return items.stream().map(i -> i.title).toList();
    }

    private static List<String> shapes(List<? extends Item> items) {
        return items.stream().map(i -> i.getClass().getSimpleName() + ":" + i.title).toList();
    }

    /** Dune (book), Emma (ebook), Ubik (audio), Maus (comic), Alien (film), Lamp (item), in that order of ids. */
    private static void fill(Orm orm) {
        orm.save(new Book("Dune", "1", 412));
        orm.save(new EBook("Emma", "2", 300, "http://e/emma"));
        orm.save(new AudioBook("Ubik", "3", 200, "http://e/ubik", 480));
        orm.save(new Comic("Maus", "4", 296, "Spiegelman"));
        orm.save(new Film("Alien", 117));
        orm.save(new Item("Lamp"));
    }

    @AllEngines
    void eachLevelSavesItsOwnDiscriminatorInOneInsertAndAnUpdateNeverRewritesIt(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        rec.take();
        AudioBook ubik = orm.save(new AudioBook("Ubik", "3", 200, "http://e/ubik", 480));
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.INSERT);
            assertThat(c.tables()).containsExactly("sti_item");
        });
        EBook emma = orm.save(new EBook("Emma", "2", 300, "http://e/emma"));
        assertThat(kinds(s)).containsExactly("audio", "ebook");
        assertThat(s.db().sql("SELECT isbn, pages, url, minutes FROM sti_item WHERE id = ?", ubik.id)
                .list(rs -> rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3) + "/" + rs.getInt(4)))
                .containsExactly("3/200/http://e/ubik/480");

        // read through the middle class, an audio book's row is a Book; saved, it stays an audio book
        Book asBook = orm.objects(Book_.TYPE).get(ubik.id);
        assertThat(asBook).isExactlyInstanceOf(Book.class);
        asBook.pages = 201;
        rec.take();
        orm.save(asBook);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo(Operation.UPDATE));
        assertThat(kinds(s)).containsExactly("audio", "ebook");
        assertThat(orm.objects(AudioBook_.TYPE).get(ubik.id).pages).isEqualTo(201);
        emma.sizeKb = 900;
        orm.save(emma);
        assertThat(orm.objects(EBook_.TYPE).get(emma.id).sizeKb).isEqualTo(900);
        assertThat(kinds(s)).containsExactly("audio", "ebook");
        assertThat(AudioBook_.META.inheritance().parent()).isEqualTo(Item.class.getName());
    }

    @AllEngines
    void aConcreteClassRequiresItsOwnAndItsAncestorsNotNullableFields(Scratch s) {
        Orm orm = orm(s.db());
        assertThatThrownBy(() -> orm.save(new AudioBook("Ubik", null, 200, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys(
                        "isbn", "url", "minutes"));
        assertThatThrownBy(() -> orm.save(new EBook("Emma", null, 300, "http://e/emma")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).containsExactly(Map.entry("isbn", List.of("this field cannot be null")));
                    assertThat(e).hasMessage("EBook is not valid: isbn: this field cannot be null");
                });
        assertThatThrownBy(() -> orm.fullClean(new EBook("Emma", "2", 300, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("url"));
        assertThat(s.db().sql("SELECT COUNT(*) FROM sti_item").list(rs -> rs.getLong(1))).containsExactly(0L);
        // a comic (beside EBook) and a book need neither url nor minutes; a film its minutes only
        orm.save(new Comic("Maus", "4", 296, null));
        orm.save(new Book("Dune", "1", 412));
        orm.save(new Film("Alien", 117));
        assertThat(kinds(s)).containsExactly("comic", "book", "film");
    }

    @AllEngines
    void everyQueryOfAMiddleClassSeesItsRowsAndItsDescendantsRows(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        fill(orm);
        long film = orm.objects(Film_.TYPE).get().id;
        long ubik = orm.objects(AudioBook_.TYPE).get().id;
        rec.take();

        assertThat(orm.objects(Book_.TYPE).count()).isEqualTo(4);
        StatementContext count = rec.take().get(0);
        // the values are bound, not written into the statement
        assertThat(count.sql()).containsPattern("kind\\W* IN \\(\\?, \\?, \\?, \\?\\)").doesNotContain("'book'");
        assertThat(orm.objects(EBook_.TYPE).count()).isEqualTo(2);
        assertThat(orm.objects(AudioBook_.TYPE).count()).isEqualTo(1);
        assertThat(rec.take()).last().satisfies(c -> assertThat(c.sql()).doesNotContain(" IN "));
        assertThat(orm.objects(Comic_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Item_.TYPE).count()).isEqualTo(6);
        // Book's ordering (-pages) and filters on inherited fields
        assertThat(titles(orm.objects(Book_.TYPE).list())).containsExactly("Dune", "Emma", "Maus", "Ubik");
        assertThat(titles(orm.objects(EBook_.TYPE).filter(EBook_.PAGES.lt(400)).list())).containsExactly("Emma", "Ubik");
        assertThat(orm.objects(Book_.TYPE).filter(Book_.TITLE.eq("Alien")).exists()).isFalse();
        assertThat(orm.objects(EBook_.TYPE).filter(EBook_.TITLE.eq("Maus")).exists()).isFalse();
        assertThat(orm.objects(Book_.TYPE).get(ubik).isbn).isEqualTo("3");
        assertThat(orm.objects(EBook_.TYPE).get(ubik).url).isEqualTo("http://e/ubik");
        assertThatThrownBy(() -> orm.objects(Book_.TYPE).get(film)).isInstanceOf(DoesNotExist.class);
        assertThatThrownBy(() -> orm.objects(EBook_.TYPE).get(orm.objects(Comic_.TYPE).get().id))
                .isInstanceOf(DoesNotExist.class);
        // aggregates and values
        assertThat(orm.objects(Book_.TYPE).aggregate(Functions.sum(Book_.PAGES)).toString()).isEqualTo("1208");
        assertThat(orm.objects(EBook_.TYPE).orderBy(EBook_.TITLE.asc()).valuesFlat(EBook_.URL))
                .containsExactly("http://e/emma", "http://e/ubik");
        // update() and delete() of a middle class touch its rows and its descendants' only
        rec.take();
        assertThat(orm.objects(EBook_.TYPE).update(EBook_.PAGES.set(1))).isEqualTo(2);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo(Operation.UPDATE));
        assertThat(orm.objects(Item_.TYPE).orderBy(Item_.ID.asc()).valuesFlat(Item_.KIND))
                .containsExactly("book", "ebook", "audio", "comic", "film", "item");
        assertThat(s.db().sql("SELECT title FROM sti_item WHERE pages = 1 ORDER BY title").list(rs -> rs.getString(1)))
                .containsExactly("Emma", "Ubik");
        assertThat(orm.objects(Book_.TYPE).filter(Book_.PAGES.gt(250)).delete()).isEqualTo(2); // Dune, Maus
        assertThat(kinds(s)).containsExactly("ebook", "audio", "film", "item");
        assertThat(orm.objects(EBook_.TYPE).delete()).isEqualTo(2);
        assertThat(kinds(s)).containsExactly("film", "item");
    }

    @AllEngines
    void aPolymorphicQueryOnAnyLevelReturnsTheMostDerivedModelInOneStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = orm(s.open(b -> b.interceptor(rec)));
        fill(orm);
        rec.take();

        List<Item> all = orm.objects(Item_.TYPE).listPolymorphic();
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.tables()).containsExactly("sti_item"));
        assertThat(shapes(all)).containsExactly("Film:Alien", "Book:Dune", "EBook:Emma", "Item:Lamp",
                "Comic:Maus", "AudioBook:Ubik");
        AudioBook ubik = (AudioBook) all.get(5);
        assertThat(List.of(ubik.isbn, ubik.url, String.valueOf(ubik.minutes), String.valueOf(ubik.pages)))
                .containsExactly("3", "http://e/ubik", "480", "200");
        assertThat(((Comic) all.get(4)).artist).isEqualTo("Spiegelman");

        List<Book> books = orm.objects(Book_.TYPE).listPolymorphic();
        assertThat(rec.take()).hasSize(1);
        assertThat(shapes(books)).containsExactly("Book:Dune", "EBook:Emma", "Comic:Maus", "AudioBook:Ubik");
        List<EBook> ebooks = orm.objects(EBook_.TYPE).filter(EBook_.PAGES.lt(250)).listPolymorphic();
        assertThat(rec.take()).hasSize(1);
        assertThat(shapes(ebooks)).containsExactly("AudioBook:Ubik");
        assertThat(shapes(orm.objects(AudioBook_.TYPE).listPolymorphic())).containsExactly("AudioBook:Ubik");
        assertThat(rec.take()).hasSize(1);

        // attached as the most derived model: a save validates and writes as an AudioBook
        ubik.minutes = 481;
        orm.save(ubik);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo(Operation.UPDATE));
        assertThat(orm.objects(AudioBook_.TYPE).get(ubik.id).minutes).isEqualTo(481);
        ubik.url = null;
        assertThatThrownBy(() -> orm.save(ubik)).isInstanceOf(ValidationException.class).hasMessageContaining("url");

        // with selectRelated and an annotation, still one statement
        Keeper kim = orm.save(new Keeper("Kim"));
        s.db().sql("UPDATE sti_item SET owner_id = ?", kim.id).execute();
        rec.take();
        List<Book> related = orm.objects(Book_.TYPE).selectRelated(Book_.OWNER)
                .annotate("shout", Functions.upper(Book_.TITLE)).listPolymorphic();
        assertThat(rec.take()).hasSize(1);
        assertThat(related).extracting(b -> b.getClass().getSimpleName() + ":" + b.annotation("shout") + ":"
                + b.owner.get().name).containsExactly("Book:DUNE:Kim", "EBook:EMMA:Kim", "Comic:MAUS:Kim",
                "AudioBook:UBIK:Kim");
    }

    @AllEngines
    void relationsToAMiddleClassJoinPrefetchLoadAndCascadeOverItsDescendantsRows(Scratch s) {
        Orm orm = orm(s.db());
        Keeper kim = orm.save(new Keeper("Kim"));
        Book dune = orm.save(new Book("Dune", "1", 412));
        EBook emma = new EBook("Emma", "2", 300, "http://e/emma");
        emma.reader = Ref.to(kim);
        orm.save(emma);
        AudioBook ubik = new AudioBook("Ubik", "3", 200, "http://e/ubik", 480);
        ubik.reader = Ref.to(kim);
        orm.save(ubik);
        Film alien = orm.save(new Film("Alien", 117));
        orm.save(new Loan(dune, "Ann"));
        Loan bob = orm.save(new Loan(emma, "Bob"));
        orm.save(new Loan(ubik, "Cid"));

        // a filter across Loan.book (a Book) and selectRelated see the ebook's and the audio book's rows
        assertThat(orm.objects(Loan_.TYPE).filter(Loan_.BOOK, b -> b.pages.lt(400)).orderBy(Loan_.ID.asc())
                .selectRelated(Loan_.BOOK).list()).extracting(l -> l.borrower + ":" + l.book.get().title)
                .containsExactly("Bob:Emma", "Cid:Ubik");
        // the lazy reference loads the row as a Book
        assertThat(orm.objects(Loan_.TYPE).get(bob.id).book.get()).isExactlyInstanceOf(Book.class)
                .extracting(b -> b.isbn).isEqualTo("2");
        // a key of a film's row is no book, whatever the descendants
        s.db().sql("UPDATE sti_loan SET book_id = ? WHERE id = ?", alien.id, bob.id).execute();
        assertThat(orm.objects(Loan_.TYPE).filter(Loan_.BOOK, b -> b.title.eq("Alien")).count()).isZero();
        s.db().sql("UPDATE sti_loan SET book_id = ? WHERE id = ?", emma.id, bob.id).execute();
        // prefetch both ways
        assertThat(orm.objects(Book_.TYPE).prefetchRelated(Book_.LOANS).list())
                .extracting(b -> b.title + ":" + b.loans.all().size()).containsExactly("Dune:1", "Emma:1", "Ubik:1");
        assertThat(orm.objects(Loan_.TYPE).prefetchRelated(Loan_.BOOK).list()).extracting(l -> l.book.get().title)
                .containsExactly("Dune", "Emma", "Ubik");

        // deleting an audio book cascades to its loans
        orm.delete(orm.objects(AudioBook_.TYPE).get(ubik.id));
        assertThat(orm.objects(Loan_.TYPE).valuesFlat(Loan_.BORROWER)).containsExactly("Ann", "Bob");
        // the keeper is the reader (EBook.reader, inherited by AudioBook) of the ebook: deleting the keeper removes
        // it and its loan, once
        AudioBook sola = new AudioBook("Sola", "5", 90, "http://e/sola", 60);
        sola.reader = Ref.to(kim);
        orm.save(sola);
        assertThat(orm.delete(kim)).isEqualTo(4);           // the keeper, two ebook rows, Bob's loan
        assertThat(kinds(s)).containsExactly("book", "film");
        assertThat(orm.objects(Loan_.TYPE).valuesFlat(Loan_.BORROWER)).containsExactly("Ann");
    }

    @AllEngines
    void aSoftDeletedGrandchildRowIsHiddenFromEveryLevel(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Note_.TYPE, Memo_.TYPE, UrgentMemo_.TYPE).build();
        orm.createTables();
        orm.save(new Note("Alpha"));
        orm.save(new Memo("Beta", "Ann"));
        UrgentMemo gamma = orm.save(new UrgentMemo("Gamma", "Bob", 3));
        orm.save(new UrgentMemo("Delta", "Cid", 1));

        assertThat(orm.objects(Memo_.TYPE).count()).isEqualTo(3);
        assertThat(orm.delete(gamma)).isEqualTo(1);
        assertThat(s.db().sql("SELECT kind FROM inh_note WHERE deleted_at IS NOT NULL").list(rs -> rs.getString(1)))
                .containsExactly("urgent");
        assertThat(orm.objects(Note_.TYPE).listPolymorphic()).extracting(n -> n.getClass().getSimpleName() + ":"
                + n.title).containsExactly("Note:Alpha", "Memo:Beta", "UrgentMemo:Delta");
        assertThat(orm.objects(Memo_.TYPE).listPolymorphic()).extracting(n -> n.title).containsExactly("Beta", "Delta");
        assertThat(orm.objects(Memo_.TYPE).count()).isEqualTo(2);
        assertThat(orm.objects(UrgentMemo_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Memo_.TYPE).deletedOnly().list()).extracting(m -> m.recipient).containsExactly("Bob");
        assertThat(orm.restore(gamma)).isEqualTo(1);
        assertThat(orm.objects(Memo_.TYPE).count()).isEqualTo(3);
    }

    @AllEngines
    void theSharedTableHasEveryLevelsColumnsAndMatchesTheLiveSchema(Scratch s) {
        Orm orm = orm(s.db());
        Schema expected = OrmSchema.of(orm);
        Table t = expected.require("sti_item");
        assertThat(t.columns()).extracting(c -> c.name() + (c.nullable() ? "?" : "")).containsExactlyInAnyOrder(
                "id", "title", "owner_id?", "kind", "isbn?", "pages?", "minutes?", "director?", "url?", "size_kb?",
                "reader_id?", "artist?");
        assertThat(t.foreignKeys()).extracting(fk -> fk.columns().get(0)).containsExactlyInAnyOrder("owner_id",
                "reader_id");
        assertThat(expected.tables()).extracting(Table::name).doesNotContain("book", "e_book", "audio_book", "comic");
        assertThat(SchemaComparison.differences(expected, Introspector.read(s.db()), s.engine(), "the models"))
                .isEmpty();
        // the registry refuses a subclass of a subclass without its parent
        assertThatThrownBy(() -> Orm.builder().database(s.db()).models(Keeper_.TYPE, Item_.TYPE, EBook_.TYPE)
                .build()).hasMessageContaining("single-table subclass EBook extends Book, which is not registered: "
                + "add Book_.TYPE to Orm.builder().models(...) (its queries include the rows of its subclasses)");
    }
}
