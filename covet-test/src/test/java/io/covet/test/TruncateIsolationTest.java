package io.covet.test;

import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.test.library.Author;
import io.covet.test.library.Author_;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** TRUNCATE: committed writes, from other threads too, are emptied between tests. */
@CovetTest(models = Author.class, isolation = Isolation.TRUNCATE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TruncateIsolationTest {
    @Test
    @Order(1)
    void commitsFromAnotherThread(Orm orm, Database db) throws Exception {
        CompletableFuture.runAsync(() -> orm.save(new Author("Ada"))).get();
        db.atomicRun(tx -> orm.save(new Author("Grace")));
        assertThat(orm.objects(Author_.TYPE).count()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void theTablesAreEmptyAgain(Orm orm) {
        assertThat(orm.objects(Author_.TYPE).count()).isZero();
    }
}

