package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.rel.Desk;
import io.covet.migrate.history.rel.Desk_;
import io.covet.migrate.history.rel.Ticket;
import io.covet.migrate.history.rel.Ticket_;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Prefetch;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Django-style {@code Prefetch(path, queryset, to_attr)} inside an {@code asOf} query reads its rows as of the same
 * instant as the outer query, with the query set's own filters and ordering; a query set already read as of another
 * instant is refused rather than mixing two points in time.
 */
class AsOfCustomPrefetchTest {

    private static List<String> open(Orm orm, Instant t, Prefetch<Desk, Ticket> p) {
        return orm.objects(Desk_.TYPE).asOf(t).prefetchRelated(p).orderBy(Desk_.NAME.asc()).list().stream()
                .map(d -> d.name() + ":" + p.get(d).stream().map(Ticket::title).toList()).toList();
    }

    @AllEngines
    void aCustomPrefetchReadsTheOuterInstant(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = AsOfRelationsTest.migrated(db);
        Desk support = orm.save(new Desk("support"));
        orm.save(new Ticket("b", support));
        Ticket a = orm.save(new Ticket("a", support));
        Instant t1 = AsOfRelationsTest.lastChange(db);
        Thread.sleep(5); // separates the steps on the database clock; nothing here measures time
        a.title("z");
        orm.save(a);
        orm.save(new Ticket("c", support));
        Instant t2 = AsOfRelationsTest.lastChange(db);

        Prefetch<Desk, Ticket> sorted = Prefetch.of(Desk_.TICKETS,
                orm.objects(Ticket_.TYPE).orderBy(Ticket_.TITLE.desc())).toAttr("sorted");
        assertThat(open(orm, t1, sorted)).containsExactly("support:[b, a]");
        assertThat(open(orm, t2, sorted)).containsExactly("support:[z, c, b]");

        // the query set's own filter is evaluated against the past rows too
        Prefetch<Desk, Ticket> notB = Prefetch.of(Desk_.TICKETS,
                orm.objects(Ticket_.TYPE).exclude(Ticket_.TITLE.eq("b")).orderBy(Ticket_.TITLE.asc())).toAttr("x");
        assertThat(open(orm, t1, notB)).containsExactly("support:[a]");
        assertThat(open(orm, t2, notB)).containsExactly("support:[c, z]");

        // the same instant given twice is fine; another one is refused before any related query runs
        Prefetch<Desk, Ticket> same = Prefetch.of(Desk_.TICKETS,
                orm.objects(Ticket_.TYPE).asOf(t1).orderBy(Ticket_.TITLE.asc())).toAttr("same");
        assertThat(open(orm, t1, same)).containsExactly("support:[a, b]");
        assertThatThrownBy(() -> open(orm, t2, same))
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("Prefetch(tickets) reads its query set as of " + t1 + " inside a query as of " + t2
                        + ", which would mix two points in time; leave asOf off the Prefetch's query set (it "
                        + "follows the outer query) or give both the same instant");
    }
}
