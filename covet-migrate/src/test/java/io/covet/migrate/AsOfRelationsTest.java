package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.rel.Agent_;
import io.covet.migrate.history.rel.Desk;
import io.covet.migrate.history.rel.Desk_;
import io.covet.migrate.history.rel.Ticket;
import io.covet.migrate.history.rel.Ticket_;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.audit.AuditTrail;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code asOf} across relations and after a prune: joins, {@code selectRelated} and {@code prefetchRelated} read
 * the related model's history at the same instant, and so do filters through a reverse relation; a related model
 * without history, and filters that are subqueries over current tables (made before {@code asOf}), are refused; an instant before a prune point is refused with the point named. Instants come
 * from the database's own clock (the {@code valid_from} of each step's last change).
 */
class AsOfRelationsTest {

    static Orm migrated(Database db) {
        Orm orm = Orm.builder().database(db).models(Desk_.TYPE, Agent_.TYPE, Ticket_.TYPE).build();
        List<Migration> made = Autodetector.migrations(new MigrationGraph(List.of(), Set.of()),
                OrmSchemaSource.of(orm), Questioner.nonInteractive(false));
        Migrator.builder(db, made).build().migrate(Target.latest());
        return orm;
    }

    static Instant lastChange(Database db) {
        Instant max = null;
        for (String h : List.of("desk_history", "ticket_history")) {
            String t = db.sql("SELECT MAX(valid_from) AS t FROM " + h).list().get(0).getString("t");
            if (t != null) {
                Instant i = LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                max = max == null || i.isAfter(max) ? i : max;
            }
        }
        return max;
    }

    /** Makes the next change start at a later database time than the last one (SQLite keeps milliseconds). */
    private static void nextTick() throws InterruptedException {
        Thread.sleep(5); // separates the steps on the database clock; nothing here measures time
    }

    private static List<String> tickets(List<Ticket> ts) {
        return ts.stream().map(t -> t.title() + "@" + t.desk().get().name()).toList();
    }

    private static List<String> desks(List<Desk> ds) {
        return ds.stream().map(d -> d.name() + ":" + d.tickets().all().stream().map(Ticket::title).sorted().toList())
                .toList();
    }

    @AllEngines
    void joinsSelectRelatedAndPrefetchReadTheSameInstant(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = migrated(db);
        Desk support = orm.save(new Desk("support"));
        Desk sales = orm.save(new Desk("sales"));
        Ticket a = orm.save(new Ticket("a", support));
        Ticket b = orm.save(new Ticket("b", support));
        Instant t1 = lastChange(db);
        nextTick();
        support.name("help");
        orm.save(support);
        b.desk(sales);
        orm.save(b);
        a.title("a2");
        orm.save(a);
        orm.save(new Ticket("c", support));
        Instant t2 = lastChange(db);

        assertThat(tickets(orm.objects(Ticket_.TYPE).asOf(t1).selectRelated(Ticket_.DESK)
                .orderBy(Ticket_.TITLE.asc()).list())).containsExactly("a@support", "b@support");
        assertThat(tickets(orm.objects(Ticket_.TYPE).asOf(t2).selectRelated(Ticket_.DESK)
                .orderBy(Ticket_.TITLE.asc()).list())).containsExactly("a2@help", "b@sales", "c@help");
        assertThat(tickets(orm.objects(Ticket_.TYPE).selectRelated(Ticket_.DESK).orderBy(Ticket_.TITLE.asc())
                .list())).containsExactly("a2@help", "b@sales", "c@help");

        // a filter through a forward relation joins the desk as of the same instant
        assertThat(orm.objects(Ticket_.TYPE).asOf(t1).filter(Ticket_.DESK, d -> d.name.eq("support")).count())
                .isEqualTo(2);
        assertThat(orm.objects(Ticket_.TYPE).asOf(t2).filter(Ticket_.DESK, d -> d.name.eq("support")).count())
                .isZero();
        assertThat(orm.objects(Ticket_.TYPE).asOf(t2).filter(Ticket_.DESK, d -> d.name.eq("help"))
                .orderBy(Ticket_.TITLE.asc()).list()).extracting(Ticket::title).containsExactly("a2", "c");

        // prefetchRelated: reverse and forward, each related query as of the same instant
        assertThat(desks(orm.objects(Desk_.TYPE).asOf(t1).prefetchRelated(Desk_.TICKETS)
                .orderBy(Desk_.NAME.asc()).list())).containsExactly("sales:[]", "support:[a, b]");
        assertThat(desks(orm.objects(Desk_.TYPE).asOf(t2).prefetchRelated(Desk_.TICKETS)
                .orderBy(Desk_.NAME.asc()).list())).containsExactly("help:[a2, c]", "sales:[b]");
        assertThat(tickets(orm.objects(Ticket_.TYPE).asOf(t1).prefetchRelated(Ticket_.DESK)
                .orderBy(Ticket_.TITLE.asc()).list())).containsExactly("a@support", "b@support");

        // a related model without @History, and subquery filters over the current tables, are refused
        assertThatThrownBy(() -> orm.objects(Ticket_.TYPE).asOf(t1).selectRelated(Ticket_.AGENT).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("asOf with a join or selectRelated of agent: Agent has no @History, so its rows at that "
                        + "instant are unknown (joining its current rows would mix two points in time); annotate "
                        + "Agent with @History and migrate, or drop the relation from the asOf query");
        assertThatThrownBy(() -> orm.objects(Ticket_.TYPE).asOf(t1).prefetchRelated(Ticket_.AGENT).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessageStartingWith("asOf with prefetchRelated of agent: Agent has no @History");
        // a filter through a reverse relation on an asOf query reads the related rows of the same instant
        assertThat(orm.objects(Desk_.TYPE).asOf(t1).filter(Desk_.TICKETS, t -> t.title.eq("a")).list())
                .extracting(Desk::name).containsExactly("support");
        assertThat(orm.objects(Desk_.TYPE).asOf(t2).filter(Desk_.TICKETS, t -> t.title.eq("a")).count()).isZero();
        assertThat(orm.objects(Desk_.TYPE).asOf(t2).exclude(Desk_.TICKETS, t -> t.title.eq("b")).list())
                .extracting(Desk::name).containsExactly("help");
        // one made before asOf is a subquery over the current tables: refused
        assertThatThrownBy(() -> orm.objects(Desk_.TYPE).filter(Desk_.TICKETS, t -> t.title.eq("a")).asOf(t1)
                .list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("with a filter or exclude across a reverse or many-to-many relation made "
                        + "before it");
    }

    @AllEngines
    void anInstantBeforeAPrunePointIsRefusedNamingIt(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = migrated(db);
        orm.save(new Desk("stay")); // open across the prune: a read as of t1 then finds rows, and is still refused
        Desk d = orm.save(new Desk("one"));
        orm.save(new Ticket("x", d));
        Instant t1 = lastChange(db);
        nextTick();
        d.name("two");
        orm.save(d);
        Instant t2 = lastChange(db);
        nextTick();
        d.name("three");
        orm.save(d);
        Instant t3 = lastChange(db);
        assertThat(orm.objects(Desk_.TYPE).asOf(t1).list()).extracting(Desk::name)
                .containsExactlyInAnyOrder("one", "stay");

        assertThat(AuditTrail.of(db).prune(t2)).isEqualTo(1); // the version "one", which ended at t2

        assertThatThrownBy(() -> orm.objects(Desk_.TYPE).asOf(t1).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("asOf(" + t1 + ") on Desk is before its prune point " + t2 + ": the versions of "
                        + "desk_history that ended by then were deleted (covet audit prune), so the state at that "
                        + "instant is no longer known; ask for an instant at or after " + t2);
        // the pruned model is checked also when it is only joined
        assertThatThrownBy(() -> orm.objects(Ticket_.TYPE).asOf(t1).selectRelated(Ticket_.DESK).list())
                .hasMessageStartingWith("asOf(" + t1 + ") on Desk is before its prune point " + t2);
        // the ticket's history lost nothing: it has no prune point
        assertThat(orm.objects(Ticket_.TYPE).asOf(t1).list()).extracting(Ticket::title).containsExactly("x");
        assertThat(orm.objects(Desk_.TYPE).asOf(t2).list()).extracting(Desk::name)
                .containsExactlyInAnyOrder("stay", "two");
        // the same refusal when no row matches (the check then runs on its own) and for count()
        assertThatThrownBy(() -> orm.objects(Desk_.TYPE).asOf(t1).filter(Desk_.NAME.eq("none")).list())
                .hasMessageStartingWith("asOf(" + t1 + ") on Desk is before its prune point " + t2);
        assertThatThrownBy(() -> orm.objects(Desk_.TYPE).asOf(t1).count())
                .hasMessageStartingWith("asOf(" + t1 + ") on Desk is before its prune point " + t2);
        assertThat(tickets(orm.objects(Ticket_.TYPE).asOf(t3).selectRelated(Ticket_.DESK).list()))
                .containsExactly("x@three");

        // an earlier prune does not move the point back; the chain still verifies
        assertThat(AuditTrail.of(db).prune(t1)).isZero();
        assertThatThrownBy(() -> orm.objects(Desk_.TYPE).asOf(t1).list())
                .hasMessageContaining("before its prune point " + t2);
        assertThat(AuditTrail.of(db).verify().problems()).isEmpty();
    }
}
