package io.covet.orm.iteration;

import com.zaxxer.hikari.HikariDataSource;
import io.covet.core.Database;
import io.covet.orm.CloseableIterator;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.QuerySet;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code QuerySet.iterator()}: a streaming cursor that gives its connection back when exhausted or closed. */
class IteratorTest {

    private static Orm orm(Database db) {
        Orm orm = Orm.builder().database(db).models(Poet_.TYPE, Poem_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static int borrowed(Database db) {
        return ((HikariDataSource) db.dataSource()).getHikariPoolMXBean().getActiveConnections();
    }

    @AllEngines
    void forEachStreamsInOrderAndReturnsTheConnectionAtTheEnd(Scratch s) {
        Database db = s.db();
        Orm orm = orm(db);
        orm.objects(Poet_.TYPE).bulkCreate(List.of(new Poet("Sappho"), new Poet("Li Bai"), new Poet("Basho")));
        List<String> names = new ArrayList<>();
        for (Poet p : orm.objects(Poet_.TYPE)) {
            assertThat(borrowed(db)).as("the cursor holds a connection while iterating").isEqualTo(1);
            assertThat(p.persisted()).isTrue();
            names.add(p.name);
        }
        assertThat(names).containsExactly("Sappho", "Li Bai", "Basho");
        assertThat(borrowed(db)).as("exhausting the iterator closed it").isZero();

        // instances read by the iterator are tracked like any other: save() writes the changed field
        try (CloseableIterator<Poet> it = orm.objects(Poet_.TYPE).filter(Poet_.NAME.eq("Basho")).iterator()) {
            Poet basho = it.next();
            basho.name = "Matsuo Basho";
            orm.save(basho);
        }
        assertThat(orm.objects(Poet_.TYPE).valuesFlat(Poet_.NAME)).containsExactly("Sappho", "Li Bai", "Matsuo Basho");
    }

    @AllEngines
    void closingEarlyReleasesTheCursor(Scratch s) {
        Database db = s.db();
        Orm orm = orm(db);
        orm.objects(Poet_.TYPE).bulkCreate(List.of(new Poet("a"), new Poet("b"), new Poet("c")));
        CloseableIterator<Poet> it = orm.objects(Poet_.TYPE).iterator();
        assertThat(it.next().name).isEqualTo("a");
        assertThat(borrowed(db)).isEqualTo(1);
        it.close();
        it.close(); // idempotent
        assertThat(borrowed(db)).isZero();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        // the connection went back usable (on PostgreSQL: its read transaction ended, autocommit restored)
        orm.save(new Poet("d"));
        assertThat(orm.objects(Poet_.TYPE).count()).isEqualTo(4);

        // forEach closes the cursor even when the action throws
        assertThatThrownBy(() -> orm.objects(Poet_.TYPE).forEach(p -> {
            throw new IllegalStateException("stop at " + p.name);
        })).hasMessage("stop at a");
        assertThat(borrowed(db)).isZero();

        try (CloseableIterator<Poet> empty = orm.objects(Poet_.TYPE).filter(Poet_.NAME.eq("nobody")).iterator()) {
            assertThat(empty.hasNext()).isFalse();
            assertThat(borrowed(db)).isZero();
        }
    }

    @AllEngines
    void iteratesInsideATransactionWhileOtherStatementsRun(Scratch s) {
        Database db = s.db();
        Orm orm = orm(db);
        List<Poet> poets = orm.objects(Poet_.TYPE).bulkCreate(List.of(new Poet("x"), new Poet("y")));
        orm.save(new Poem(poets.get(0), "one"));
        List<String> seen = db.atomic(tx -> {
            List<String> out = new ArrayList<>();
            for (Poet p : orm.objects(Poet_.TYPE)) {
                // a statement on the transaction's connection while its cursor is open
                long poems = orm.objects(Poem_.TYPE).filter(Poem_.POET_ID.eq(p.id)).count();
                out.add(p.name + poems);
                orm.save(new Poem(p, "more"));
            }
            return out;
        });
        assertThat(seen).containsExactly("x1", "y0");
        assertThat(orm.objects(Poem_.TYPE).count()).isEqualTo(3);
        assertThat(borrowed(db)).isZero();
    }

    @AllEngines
    void prefetchesPerChunk(Scratch s) {
        Database db = s.db();
        Orm orm = orm(db);
        int poets = 1_001; // one full chunk of 1,000 and one of 1
        List<Poet> made = new ArrayList<>();
        for (int i = 0; i < poets; i++) {
            made.add(new Poet("p" + i));
        }
        orm.objects(Poet_.TYPE).bulkCreate(made);
        List<Poem> poems = new ArrayList<>();
        for (int i = 0; i < poets; i += 2) {
            poems.add(new Poem(made.get(i), "t" + i));
        }
        orm.objects(Poem_.TYPE).bulkCreate(poems);

        QuerySet<Poet> all = orm.objects(Poet_.TYPE).prefetchRelated(Poet_.POEMS);
        int n = 0;
        for (Poet p : all) {
            assertThat(p.poems.prefetched()).as("poet %s", p.name).isTrue();
            assertThat(p.poems.all()).hasSize(n % 2 == 0 ? 1 : 0);
            n++;
        }
        assertThat(n).isEqualTo(poets);
        assertThat(borrowed(db)).isZero();
        assertThatThrownBy(all::stream).isInstanceOf(OrmUsageException.class).hasMessageContaining("iterator()");
    }

    @org.junit.jupiter.api.Test
    void prefetchingOnAOneConnectionPoolIsRefusedOutsideATransactionAndWorksInside() {
        try (Database db = Database.open("sqlite::memory:")) {
            Orm orm = orm(db);
            Poet poet = orm.save(new Poet("solo"));
            orm.save(new Poem(poet, "only"));
            QuerySet<Poet> all = orm.objects(Poet_.TYPE).prefetchRelated(Poet_.POEMS);
            assertThatThrownBy(all::iterator).isInstanceOf(OrmUsageException.class)
                    .hasMessage("iterator() with prefetchRelated needs a second connection for the prefetch queries "
                            + "while the cursor holds the first, and database 'default' has a pool of 1: iterate "
                            + "inside db.atomic(...) (one connection serves both), use list(), or raise maxPoolSize");
            List<String> titles = db.atomic(tx -> {
                List<String> out = new ArrayList<>();
                for (Poet p : all) {
                    p.poems.all().forEach(x -> out.add(x.title));
                }
                return out;
            });
            assertThat(titles).containsExactly("only");
        }
    }
}
