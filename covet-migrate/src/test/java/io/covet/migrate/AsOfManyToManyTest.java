package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.m2m.Club;
import io.covet.migrate.history.m2m.Club_;
import io.covet.migrate.history.m2m.Coaching_;
import io.covet.migrate.history.m2m.Membership;
import io.covet.migrate.history.m2m.Membership_;
import io.covet.migrate.history.m2m.Player;
import io.covet.migrate.history.m2m.Player_;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
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
 * {@code asOf} across many-to-many relations: through a link model with {@code @History}, prefetchRelated and
 * filters/excludes read the link rows and the related rows of the same instant; through an automatic link table or
 * an untracked through model, which rows were linked then is unknown, and the query is refused naming the relation
 * and what to do. Instants come from the database's clock (the {@code valid_from} of each step's last change).
 */
class AsOfManyToManyTest {

    static Orm migrated(Database db) {
        Orm orm = Orm.builder().database(db).models(Club_.TYPE, Player_.TYPE, Membership_.TYPE, Coaching_.TYPE)
                .build();
        List<Migration> made = Autodetector.migrations(new MigrationGraph(List.of(), Set.of()),
                OrmSchemaSource.of(orm), Questioner.nonInteractive(false));
        Migrator.builder(db, made).build().migrate(Target.latest());
        return orm;
    }

    static Instant lastChange(Database db) {
        Instant max = null;
        for (String h : List.of("club_history", "player_history", "membership_history")) {
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

    private static List<String> members(List<Club> cs) {
        return cs.stream().map(c -> c.name() + ":" + c.members().all().stream().map(Player::name).sorted().toList())
                .toList();
    }

    private static List<String> names(List<Club> cs) {
        return cs.stream().map(Club::name).sorted().toList();
    }

    @AllEngines
    void throughATrackedLinkModelPrefetchAndFiltersReadTheLinksOfThatInstant(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = migrated(db);
        Club red = orm.save(new Club("red"));
        Club blue = orm.save(new Club("blue"));
        Player ann = orm.save(new Player("ann"));
        Player bob = orm.save(new Player("bob"));
        Membership annRed = orm.save(new Membership(red, ann));
        orm.save(new Membership(blue, bob));
        Instant t1 = lastChange(db);
        nextTick();
        ann.name("anne");
        orm.save(ann);
        orm.save(new Membership(red, bob));
        Instant t2 = lastChange(db);
        nextTick();
        orm.delete(annRed);
        Instant t3 = lastChange(db);
        nextTick();
        orm.save(new Player("cat")); // a later change: t3 stays in the past

        var clubs = orm.objects(Club_.TYPE);
        assertThat(members(clubs.asOf(t1).prefetchRelated(Club_.MEMBERS).list()))
                .containsExactlyInAnyOrder("red:[ann]", "blue:[bob]");
        assertThat(members(clubs.asOf(t2).prefetchRelated(Club_.MEMBERS).list()))
                .containsExactlyInAnyOrder("red:[anne, bob]", "blue:[bob]");
        assertThat(members(clubs.asOf(t3).prefetchRelated(Club_.MEMBERS).list()))
                .containsExactlyInAnyOrder("red:[bob]", "blue:[bob]");
        assertThat(members(clubs.prefetchRelated(Club_.MEMBERS).list()))
                .containsExactlyInAnyOrder("red:[bob]", "blue:[bob]");

        // filters and excludes through the relation: the link rows and the player's name of the same instant
        assertThat(names(clubs.asOf(t1).filter(Club_.MEMBERS, p -> p.name.eq("ann")).list())).containsExactly("red");
        assertThat(clubs.asOf(t2).filter(Club_.MEMBERS, p -> p.name.eq("ann")).count()).isZero();
        assertThat(names(clubs.asOf(t2).filter(Club_.MEMBERS, p -> p.name.eq("anne")).list()))
                .containsExactly("red");
        assertThat(clubs.asOf(t3).filter(Club_.MEMBERS, p -> p.name.eq("anne")).count()).isZero();
        assertThat(names(clubs.asOf(t1).filter(Club_.MEMBERS, p -> p.name.eq("bob")).list()))
                .containsExactly("blue");
        assertThat(names(clubs.asOf(t2).filter(Club_.MEMBERS, p -> p.name.eq("bob")).list()))
                .containsExactly("blue", "red");
        assertThat(names(clubs.asOf(t1).exclude(Club_.MEMBERS, p -> p.name.eq("bob")).list()))
                .containsExactly("red");
        assertThat(clubs.asOf(t2).exclude(Club_.MEMBERS, p -> p.name.eq("bob")).count()).isZero();
        // today's links: the same filter without asOf
        assertThat(clubs.filter(Club_.MEMBERS, p -> p.name.eq("anne")).count()).isZero();

        // a filter made before asOf was built over the current tables, and is refused rather than mixed
        assertThatThrownBy(() -> clubs.filter(Club_.MEMBERS, p -> p.name.eq("ann")).asOf(t1).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("asOf(" + t1 + ") with a filter or exclude across a reverse or many-to-many relation "
                        + "made before it: that filter is a subquery built over the current tables, which would mix "
                        + "two points in time; call asOf(" + t1 + ") before such filters (they are then read as of "
                        + "the same instant), or query without asOf");
        assertThatThrownBy(() -> clubs.asOf(t1).filter(Club_.MEMBERS, p -> p.name.eq("ann")).asOf(t2).count())
                .isInstanceOf(OrmUsageException.class)
                .hasMessageStartingWith("asOf(" + t2 + ") with a filter or exclude across a reverse or many-to-many "
                        + "relation made before it (as of " + t1 + "): that filter is a subquery built over the state "
                        + "of another instant");
    }

    @AllEngines
    void withoutAHistoryOfTheLinksTheQueryIsRefusedNamingTheRelation(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = migrated(db);
        Club red = orm.save(new Club("red"));
        Player ann = orm.save(new Player("ann"));
        red.fans().add(ann);
        Instant t1 = lastChange(db);
        var clubs = orm.objects(Club_.TYPE);
        String auto = "across the many-to-many relation Club.fans: its automatic link table club_fans keeps no "
                + "history, so which rows were linked at that instant is unknown (Covet does not answer with today's "
                + "links); declare the relation with @ManyToMany(through = ...) naming a link model with @History "
                + "(its two foreign keys), migrate, and the links are then read as of the same instant; or query "
                + "without asOf";
        assertThatThrownBy(() -> clubs.asOf(t1).prefetchRelated(Club_.FANS).list())
                .isInstanceOf(OrmUsageException.class).hasMessage("asOf with prefetchRelated " + auto);
        assertThatThrownBy(() -> clubs.asOf(t1).filter(Club_.FANS, p -> p.name.eq("ann")))
                .isInstanceOf(OrmUsageException.class).hasMessage("asOf with a filter or exclude " + auto);
        assertThatThrownBy(() -> clubs.asOf(t1).exclude(Club_.FANS, p -> p.name.eq("ann")))
                .isInstanceOf(OrmUsageException.class).hasMessage("asOf with a filter or exclude " + auto);
        assertThatThrownBy(() -> clubs.asOf(t1).prefetchRelated(Club_.COACHES).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("asOf with prefetchRelated across the many-to-many relation Club.coaches: its through "
                        + "model Coaching has no @History, so which rows were linked at that instant is unknown "
                        + "(Covet does not answer with today's links); annotate Coaching with @History and migrate, "
                        + "or query without asOf");
        // the same relations read today's links without asOf
        assertThat(clubs.prefetchRelated(Club_.FANS).get().fans().all()).extracting(Player::name)
                .containsExactly("ann");
    }
}
