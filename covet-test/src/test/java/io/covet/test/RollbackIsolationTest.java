package io.covet.test;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.orm.Orm;
import io.covet.test.library.Author;
import io.covet.test.library.Author_;
import io.covet.test.library.Book;
import io.covet.test.library.Book_;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ROLLBACK: each test's writes, fixtures included, vanish; nested atomic blocks are savepoints. */
@CovetTest(models = {Author.class, Book.class})
@WithFixtures("fixtures/library.json")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackIsolationTest {
    static final AtomicBoolean committed = new AtomicBoolean();

    @Test
    @Order(1)
    void writesJoinTheTestTransactionAndNestedBlocksAreSavepoints(Orm orm, Database db, Engine engine) {
        assertThat(db.engine().family()).isEqualTo(engine);
        // the fixture (records in any order: the book before its author) is loaded inside the test's transaction
        assertThat(orm.objects(Author_.TYPE).count()).isEqualTo(2);
        assertThat(orm.objects(Book_.TYPE).get(Book_.TITLE.eq("Notes on the Analytical Engine")).title()).isNotNull();
        db.atomicRun(tx -> {
            assertThat(tx.depth()).isEqualTo(1); // joined the test's block
            orm.save(new Author("Alan Turing"));
            db.onCommit(() -> committed.set(true));
        });
        assertThatThrownBy(() -> db.atomicRun(tx -> {
            orm.save(new Author("Barbara Liskov"));
            throw new IllegalStateException("undo this block only");
        })).hasMessage("undo this block only");
        assertThat(orm.objects(Author_.TYPE).valuesFlat(Author_.NAME))
                .containsExactly("Ada Lovelace", "Alan Turing", "Grace Hopper");
    }

    @Test
    @Order(2)
    void theNextTestSeesNothingOfThePrevious(Orm orm) {
        assertThat(orm.objects(Author_.TYPE).valuesFlat(Author_.NAME)).containsExactly("Ada Lovelace", "Grace Hopper");
        assertThat(committed).as("onCommit never runs: the test transaction never commits").isFalse();
        // an auto key continues after the fixture's keys on every engine
        Author a = orm.save(new Author("Edsger Dijkstra"));
        assertThat(a.id()).isGreaterThan(2L);
    }
}
