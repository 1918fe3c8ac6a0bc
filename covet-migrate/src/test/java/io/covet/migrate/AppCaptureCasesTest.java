package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.pipeline.StatementContext;
import io.covet.migrate.history.app.Coin;
import io.covet.migrate.history.app.Coin_;
import io.covet.migrate.history.app.Crate;
import io.covet.migrate.history.app.Crate_;
import io.covet.migrate.history.app.Keeper;
import io.covet.migrate.history.app.Keeper_;
import io.covet.migrate.history.app.Purse;
import io.covet.migrate.history.app.Purse_;
import io.covet.migrate.history.app.Slot;
import io.covet.migrate.history.app.Slot_;
import io.covet.migrate.history.app.Token;
import io.covet.migrate.history.app.Token_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application-written history ({@code @History(capture = APPLICATION)}) beyond the plain model of
 * {@link AppCaptureTest}, on each engine: a composite primary key, a soft-deleted model (soft delete, restore and
 * purge are versions), the children a SET_NULL or SET_DEFAULT cascade changes; and how many statements a recorded write costs.
 */
class AppCaptureCasesTest {

    private static Orm migrated(Database db, io.covet.orm.spi.ModelType<?>... types) {
        Orm orm = Orm.builder().database(db).models(types).build();
        MigrationSteps steps = new MigrationSteps();
        steps.makemigrations(OrmSchemaSource.of(orm));
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, OrmSchemaSource.of(orm));
        return orm;
    }

    /** Each version of {@code history} in history order as "type by key… col…", and its from/to times. */
    private static List<Map<String, String>> versions(Database db, String history, List<String> key,
                                                      List<String> cols) {
        List<Map<String, String>> out = new ArrayList<>();
        db.sql("SELECT * FROM " + history + " ORDER BY history_id").list().forEach(r -> {
            Map<String, String> m = new TreeMap<>();
            StringBuilder line = new StringBuilder(r.getString("change_type") + " " + r.getString("changed_by"));
            StringBuilder k = new StringBuilder();
            for (String c : key) {
                k.append(String.valueOf(r.get(c))).append('/');
            }
            for (String c : cols) {
                line.append(' ').append(r.get(c) == null ? "null" : String.valueOf(r.get(c)));
            }
            m.put("line", line.toString());
            m.put("key", k.toString());
            m.put("from", r.getString("valid_from"));
            m.put("to", r.getString("valid_to"));
            out.add(m);
        });
        return out;
    }

    private static List<String> lines(List<Map<String, String>> v) {
        return v.stream().map(m -> m.get("line")).toList();
    }

    /** Per key: each version ends where the next begins, only the last is open, none ends before it starts. */
    private static void chained(List<Map<String, String>> v) {
        Map<String, List<Map<String, String>>> byKey = new TreeMap<>();
        v.forEach(m -> byKey.computeIfAbsent(m.get("key"), k -> new ArrayList<>()).add(m));
        byKey.forEach((key, list) -> {
            for (int i = 0; i < list.size(); i++) {
                Map<String, String> m = list.get(i);
                if (i + 1 < list.size()) {
                    assertThat(m.get("to")).as("key %s version %d", key, i).isEqualTo(list.get(i + 1).get("from"));
                    assertThat(HistoryCaptureTest.time(m.get("to")))
                            .isAfterOrEqualTo(HistoryCaptureTest.time(m.get("from")));
                } else {
                    assertThat(m.get("to")).as("key %s last version", key).isNull();
                }
            }
        });
    }

    private static Instant lastStart(Database db, String history) {
        String t = db.sql("SELECT MAX(valid_from) AS t FROM " + history).list().get(0).getString("t");
        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static void sleep() {
        try {
            Thread.sleep(5); // separates two steps on the database clock (SQLite keeps milliseconds); nothing is timed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AllEngines
    void compositeKeysAreMatchedOnEveryKeyColumn(Scratch s) {
        Database db = s.db();
        Orm orm = migrated(db, Slot_.TYPE);
        List<String> key = List.of("aisle", "pos");
        List<String> cols = List.of("aisle", "pos", "item");
        // same aisle, same pos in another aisle: a match on one key column alone would mix them up
        Slot a1 = Audit.as(db, "ann", "stock", () -> orm.save(new Slot("a", 1, "nails")));
        Slot a2 = Audit.as(db, "ann", "stock", () -> orm.save(new Slot("a", 2, "screws")));
        Slot b1 = Audit.as(db, "ann", "stock", () -> orm.save(new Slot("b", 1, "bolts")));
        Instant stocked = lastStart(db, "slot_history");
        sleep();
        Audit.as(db, "bob", "move", () -> {
            a1.item("glue");
            orm.save(a1);
            a1.item("tape"); // a second change in the unit: one version
            return orm.save(a1);
        });
        // a no-op save and a QuerySet.update over one aisle
        orm.save(a2);
        assertThat(Audit.as(db, "cid", "clear", () -> orm.objects(Slot_.TYPE).filter(Slot_.AISLE.eq("a"))
                .update(Slot_.ITEM.set((String) null)))).isEqualTo(2);
        List<Slot> bulk = Audit.as(db, "dee", "bulk", () -> orm.objects(Slot_.TYPE)
                .bulkCreate(List.of(new Slot("c", 1, "x"), new Slot("c", 2, "y"))));
        Audit.as(db, "eve", "drop", () -> orm.delete(b1));
        Audit.as(db, "eve", "drop", () -> orm.delete(bulk.get(1)));

        List<Map<String, String>> v = versions(db, "slot_history", key, cols);
        assertThat(lines(v)).containsExactly(
                "+ ann a 1 nails", "+ ann a 2 screws", "+ ann b 1 bolts",
                "~ bob a 1 tape",
                "~ cid a 1 null", "~ cid a 2 null",
                "+ dee c 1 x", "+ dee c 2 y",
                "- eve b 1 bolts",
                "- eve c 2 y");
        chained(v);
        assertThat(orm.objects(Slot_.TYPE).asOf(stocked).orderBy(Slot_.AISLE.asc(), Slot_.POS.asc()).list())
                .extracting(x -> x.aisle() + x.pos() + " " + x.item())
                .containsExactly("a1 nails", "a2 screws", "b1 bolts");
        assertThat(orm.objects(Slot_.TYPE).orderBy(Slot_.AISLE.asc(), Slot_.POS.asc()).list())
                .extracting(x -> x.aisle() + x.pos() + " " + x.item())
                .containsExactly("a1 null", "a2 null", "c1 x");
    }

    @AllEngines
    void softDeleteRestoreAndPurgeAreRecorded(Scratch s) {
        Database db = s.db();
        Orm orm = migrated(db, Crate_.TYPE);
        List<String> key = List.of("id");
        List<String> cols = List.of("label", "deleted_by");
        Crate c = Audit.as(db, "ann", "new", () -> orm.save(new Crate("apples")));
        Crate d = Audit.as(db, "ann", "new", () -> orm.save(new Crate("pears")));
        Instant live = lastStart(db, "crate_history");
        sleep();
        Audit.as(db, "bob", "gone", () -> orm.delete(c));
        assertThat(orm.objects(Crate_.TYPE).count()).isEqualTo(1);
        Instant deleted = lastStart(db, "crate_history");
        sleep();
        Audit.as(db, "cid", "back", () -> orm.restore(c));
        // soft delete through a query set, then purge: the purge removes the row, a '-' version
        Audit.as(db, "dee", "gone", () -> orm.objects(Crate_.TYPE).filter(Crate_.LABEL.eq("pears")).delete());
        Audit.as(db, "eve", "purge", () -> orm.objects(Crate_.TYPE).deletedOnly().purge());

        List<Map<String, String>> v = versions(db, "crate_history", key, cols);
        assertThat(lines(v)).containsExactly(
                "+ ann apples null", "+ ann pears null",
                "~ bob apples bob",
                "~ cid apples null",
                "~ dee pears dee",
                "- eve pears dee");
        chained(v);
        // the deletion time is a recorded column: the soft-deleted state is visible as of its time
        List<Map<String, Object>> raw = db.sql("SELECT deleted_at FROM crate_history WHERE id = ? ORDER BY history_id",
                c.id()).list().stream().map(r -> (Map<String, Object>) new TreeMap<String, Object>(
                java.util.Collections.singletonMap("at", r.get("deleted_at")))).toList();
        assertThat(raw).extracting(m -> m.get("at") != null).containsExactly(false, true, false);
        assertThat(orm.objects(Crate_.TYPE).asOf(live).orderBy(Crate_.ID.asc()).list()).extracting(Crate::label)
                .containsExactly("apples", "pears");
        assertThat(orm.objects(Crate_.TYPE).asOf(deleted).orderBy(Crate_.ID.asc()).list()).extracting(Crate::label)
                .containsExactly("pears");
        assertThat(d.id()).isNotNull();
    }

    @AllEngines
    void aSetNullCascadeRecordsTheChildrensNewVersions(Scratch s) {
        Database db = s.db();
        Orm orm = migrated(db, Keeper_.TYPE, Coin_.TYPE);
        Keeper k = orm.save(new Keeper("kim"));
        Keeper other = orm.save(new Keeper("lou"));
        Audit.as(db, "ann", "mint", () -> orm.objects(Coin_.TYPE).bulkCreate(List.of(new Coin("x", k),
                new Coin("y", k), new Coin("z", other))));
        Audit.as(db, "bob", "retire", () -> orm.delete(k));
        List<Map<String, String>> v = versions(db, "coin_history", List.of("id"), List.of("mint", "keeper_id"));
        assertThat(lines(v)).containsExactly(
                "+ ann x " + k.id(), "+ ann y " + k.id(), "+ ann z " + other.id(),
                "~ bob x null", "~ bob y null");
        chained(v);
        assertThat(db.sql("SELECT COUNT(*) AS n FROM coin WHERE keeper_id IS NULL").list().get(0).getLong("n"))
                .isEqualTo(2);
    }

    @AllEngines
    void aSetDefaultCascadeRecordsTheChildrensNewVersions(Scratch s) {
        Database db = s.db();
        Orm orm = migrated(db, Keeper_.TYPE, Token_.TYPE);
        Keeper house = orm.save(new Keeper("house"));
        assertThat(house.id()).as("the default of Token.keeper").isEqualTo(1L);
        Keeper k = orm.save(new Keeper("kim"));
        Audit.as(db, "ann", "mint", () -> orm.objects(Token_.TYPE).bulkCreate(List.of(new Token("x", k),
                new Token("y", house))));
        Audit.as(db, "bob", "retire", () -> orm.delete(k));
        List<Map<String, String>> v = versions(db, "token_history", List.of("id"), List.of("label", "keeper_id"));
        assertThat(lines(v)).containsExactly("+ ann x " + k.id(), "+ ann y 1", "~ bob x 1");
        chained(v);
        assertThat(db.sql("SELECT COUNT(*) AS n FROM token WHERE keeper_id = 1").list().get(0).getLong("n"))
                .isEqualTo(2);
    }

    /** The statements the database ran after {@code take()}, excluding transaction control, that write history. */
    private static long historyStatements(List<StatementContext> seen, String history) {
        return seen.stream().filter(c -> c.tables().contains(history)).count();
    }

    @AllEngines
    void eachRecordedWriteAddsOneStatement(Scratch s) {
        migratedOn(s);
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        Orm orm = Orm.builder().database(db).models(Purse_.TYPE).build();
        rec.take();
        Purse p = orm.save(new Purse("ann", 1));
        List<StatementContext> insert = rec.take();
        assertThat(insert).hasSize(2);
        assertThat(historyStatements(insert, "purse_history")).isEqualTo(1);
        p.balance(2);
        orm.save(p);
        List<StatementContext> update = rec.take();
        boolean folded = db.engine() == io.covet.core.engine.Engine.POSTGRESQL;
        assertThat(update).as(folded ? "the UPDATE with its version, one statement"
                : "the UPDATE and one history statement").hasSize(folded ? 1 : 2);
        assertThat(historyStatements(update, "purse_history")).isEqualTo(1);
        // in a unit of work, a second save of the row rewrites its version: still one statement each
        Audit.as(db, "bob", "twice", () -> {
            p.balance(3);
            orm.save(p);
            p.balance(4);
            return orm.save(p);
        });
        assertThat(historyStatements(rec.take(), "purse_history")).isEqualTo(2);
        Audit.as(db, "cid", "gone", () -> orm.delete(p));
        List<StatementContext> delete = rec.take();
        assertThat(historyStatements(delete, "purse_history")).isEqualTo(1);
        assertThat(AppCaptureTest.versions(db)).extracting(m -> m.get("type") + " " + m.get("balance"))
                .containsExactly("+ 1", "~ 2", "~ 4", "- 4");
    }

    private static void migratedOn(Scratch s) {
        AppCaptureTest.migrate(s.db());
    }
}
