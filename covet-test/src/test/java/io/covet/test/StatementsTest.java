package io.covet.test;

import io.covet.core.Database;
import io.covet.core.pipeline.Operation;
import io.covet.orm.Orm;
import io.covet.test.library.Author;
import io.covet.test.library.Author_;
import io.covet.test.library.Book;
import io.covet.test.library.Book_;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Statement counting, in total and by shape. */
@CovetTest(models = {Author.class, Book.class})
class StatementsTest {
    @Test
    void countsStatementsAndTheirShapes(Orm orm, Database db) {
        Author ada = orm.save(new Author("Ada"));
        Statements.assertStatements(1, () -> orm.save(new Book("Notes", ada)));
        Statements.assertWrites(2, () -> {
            orm.save(new Book("Sketch", ada));
            orm.objects(Book_.TYPE).count();
            orm.save(new Author("Grace"));
        });
        Statements.assertStatements(Operation.SELECT, 2, () -> {
            orm.objects(Author_.TYPE).list();
            orm.objects(Book_.TYPE).list();
            db.sql("DELETE FROM ct_book WHERE title = ?", "none").execute();
        });
        Statements.Captured c = Statements.capture(() -> db.atomicRun(tx -> orm.objects(Author_.TYPE).count()));
        // the savepoint of the nested block is transaction control, not counted
        assertThat(c.count()).isEqualTo(1);
        assertThat(c.count(Operation.SELECT)).isEqualTo(1);
        assertThat(c.sql().get(0)).containsIgnoringCase("count");
    }
}
