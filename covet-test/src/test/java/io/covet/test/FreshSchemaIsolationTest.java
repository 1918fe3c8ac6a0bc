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

/** FRESH_SCHEMA: each test gets a new database, so DDL does not leak into the next. */
@CovetTest(models = Author.class, isolation = Isolation.FRESH_SCHEMA)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshSchemaIsolationTest {
    @Test
    @Order(1)
    void changesTheSchema(Database db) {
        db.sql("CREATE TABLE ct_extra (id INTEGER PRIMARY KEY)").execute();
        db.sql("INSERT INTO ct_author (name) VALUES ('Ada')").execute();
    }

    @Test
    @Order(2)
    void getsANewDatabase(Orm orm, Database db) {
        assertThat(orm.objects(Author_.TYPE).count()).isZero();
        db.sql("CREATE TABLE ct_extra (id INTEGER PRIMARY KEY)").execute(); // would fail if the table were left
    }
}
