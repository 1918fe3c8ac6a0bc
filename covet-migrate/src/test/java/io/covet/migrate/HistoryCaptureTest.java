package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History by triggers, on each engine: every write path (save, QuerySet.update, delete, QuerySet.delete,
 * bulkCreate, bulkUpdate, raw SQL on a plain JDBC connection) leaves exactly one version per changed row, attributed when it
 * ran inside {@link Audit#as}; an update that changes nothing tracked leaves none; the versions of each row chain
 * ({@code valid_to} of one is {@code valid_from} of the next; only the last is open).
 */
class HistoryCaptureTest {

    /** makemigrations + migrate for the Account model on an empty database; the ORM. */
    static Orm migrated(Database db) {
        Orm orm = Orm.builder().database(db).models(Account_.TYPE).build();
        List<Migration> made = Autodetector.migrations(new MigrationGraph(List.of(), Set.of()),
                OrmSchemaSource.of(orm), Questioner.nonInteractive(false));
        List<Migration> parsed = made.stream()
                .map(m -> MigrationFiles.parse(MigrationFiles.toJson(m), m.name())).toList();
        Migrator.builder(db, parsed).build().migrate(Target.latest());
        return orm;
    }

    /** The history rows: id, change type, changed_by, valid_from, valid_to, balance, owner; in history order. */
    static List<Map<String, Object>> versions(Database db) {
        return versions(db, "account_history");
    }

    /** The same, of {@code historyTable} (a model with Account's balance and owner fields). */
    static List<Map<String, Object>> versions(Database db, String historyTable) {
        List<Map<String, Object>> out = new ArrayList<>();
        db.sql("SELECT id, change_type, changed_by, change_reason, txid, valid_from, valid_to, balance, owner "
                + "FROM " + historyTable + " ORDER BY history_id").list().forEach(r -> {
                    Map<String, Object> m = new TreeMap<>();
                    m.put("id", r.getLong("id"));
                    m.put("type", r.getString("change_type"));
                    m.put("by", r.getString("changed_by"));
                    m.put("reason", r.getString("change_reason"));
                    m.put("tx", r.getString("txid"));
                    m.put("from", r.getString("valid_from"));
                    m.put("to", r.getString("valid_to"));
                    m.put("balance", r.get("balance") == null ? null : r.getLong("balance"));
                    m.put("owner", r.getString("owner"));
                    out.add(m);
                });
        return out;
    }

    static java.time.LocalDateTime time(Object text) {
        return java.time.LocalDateTime.parse(((String) text).replace(' ', 'T'));
    }

    @AllEngines
    void everyWritePathIsRecordedOnceAttributedAndChained(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = migrated(db);
        int expected = 0;

        Account a = Audit.as(db, "alice", "opening", () -> orm.save(new Account("ann", 10)));
        expected++;
        Account b = orm.save(new Account("bob", 20)); // outside Audit.as: recorded, unattributed
        expected++;
        assertThat(versions(db)).hasSize(expected);

        // QuerySet.update over both rows: two versions
        int n = Audit.as(db, "bob", "interest",
                () -> orm.objects(Account_.TYPE).update(Account_.BALANCE.set(30)));
        assertThat(n).isEqualTo(2);
        expected += 2;
        // an update that changes nothing, and one that changes only the excluded field: no version
        orm.objects(Account_.TYPE).filter(Account_.ID.eq(a.id())).update(Account_.BALANCE.set(30));
        a.note("private");
        orm.save(a);
        assertThat(versions(db)).hasSize(expected);
        // save of a changed instance
        a.balance(35);
        Audit.as(db, "alice", "fix", () -> orm.save(a));
        expected++;

        // bulkCreate: one version per row
        List<Account> bulk = Audit.as(db, "carol", "import", () -> orm.objects(Account_.TYPE)
                .bulkCreate(List.of(new Account("c1", 1), new Account("c2", 2), new Account("c3", 3))));
        expected += 3;
        assertThat(versions(db)).hasSize(expected);
        // bulkUpdate: c1 changes, c2 is written with its own value (no version)
        bulk.get(0).balance(11);
        assertThat(Audit.as(db, "carol", "fix", () -> orm.objects(Account_.TYPE)
                .bulkUpdate(List.of(bulk.get(0), bulk.get(1)), "balance"))).isEqualTo(2);
        expected++;
        assertThat(versions(db)).hasSize(expected);

        // raw SQL on a plain JDBC connection, as another application would write: recorded, no user
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            // (sqlite-jdbc's update count includes the rows the triggers wrote, so it is not asserted here)
            st.executeUpdate("UPDATE account SET owner = 'raw' WHERE id = " + b.id());
            st.executeUpdate("UPDATE account SET owner = 'raw' WHERE id = " + b.id());
        }
        expected++; // the second raw update changed nothing

        // deletes: instance and QuerySet
        Audit.as(db, "dave", "closing", () -> orm.delete(b));
        expected++;
        int gone = Audit.as(db, "dave", "cleanup",
                () -> orm.objects(Account_.TYPE).filter(Account_.OWNER.startsWith("c")).delete());
        assertThat(gone).isEqualTo(3);
        expected += 3;

        List<Map<String, Object>> v = versions(db);
        assertThat(v).hasSize(expected);
        // (the rows of one QuerySet.delete are recorded in the engine's order: the last three compare as a set)
        List<String> lines = v.stream().map(m -> m.get("type") + " " + m.get("by") + " " + m.get("owner") + " "
                + m.get("balance")).toList();
        assertThat(lines.subList(11, 14)).containsExactlyInAnyOrder("- dave c1 11", "- dave c2 2", "- dave c3 3");
        assertThat(lines.subList(0, 11)).containsExactly(
                "+ alice ann 10", "+ null bob 20",
                "~ bob ann 30", "~ bob bob 30",
                "~ alice ann 35",
                "+ carol c1 1", "+ carol c2 2", "+ carol c3 3",
                "~ carol c1 11",
                "~ null raw 30",
                "- dave raw 30");
        assertThat(v.get(0).get("reason")).isEqualTo("opening");
        assertThat(v.get(8).get("reason")).isEqualTo("fix");
        assertThat(v.get(10).get("reason")).isEqualTo("closing");
        // one changeset per unit of work: the three bulk rows share theirs, other units differ
        assertThat(v.get(5).get("tx")).isNotNull().isEqualTo(v.get(6).get("tx")).isEqualTo(v.get(7).get("tx"));
        assertThat(v.get(5).get("tx")).isNotEqualTo(v.get(0).get("tx"));

        // per row: each version ends where the next begins, only the last is open, none ends before it starts
        Map<Long, List<Map<String, Object>>> byId = new TreeMap<>();
        v.forEach(m -> byId.computeIfAbsent((Long) m.get("id"), k -> new ArrayList<>()).add(m));
        byId.forEach((id, list) -> {
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> m = list.get(i);
                if (i + 1 < list.size()) {
                    assertThat(m.get("to")).as("row %d version %d", id, i).isEqualTo(list.get(i + 1).get("from"));
                } else {
                    assertThat(m.get("to")).as("row %d last version", id).isNull();
                }
                if (m.get("to") != null) {
                    assertThat(time(m.get("to"))).isAfterOrEqualTo(time(m.get("from")));
                }
            }
        });
        assertThat(byId.get(a.id())).hasSize(3);
        assertThat(byId.get(bulk.get(0).id())).extracting(m -> m.get("type")).containsExactly("+", "~", "-");

        // bulkLoad (COPY on PostgreSQL): one version per row too
        orm.objects(Account_.TYPE).bulkLoad(List.of(new Account("l1", 1), new Account("l2", 2)));
        assertThat(versions(db)).hasSize(expected + 2).extracting(m -> m.get("type") + " " + m.get("owner"))
                .endsWith("+ l1", "+ l2");
    }

    @AllEngines
    void aWriterWithAnotherSearchPathIsRecordedOnPostgres(Scratch s) throws Exception {
        Database db = s.db();
        Orm orm = migrated(db);
        Account a = orm.save(new Account("ann", 1));
        if (s.engine() != io.covet.core.engine.Engine.POSTGRESQL) {
            assertThat(versions(db)).hasSize(1);
            return; // schemas on a search path are PostgreSQL's
        }
        String schema = db.sql("SELECT current_schema() AS s").list().get(0).getString("s");
        try (Connection c = s.rawConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("SET search_path TO public");
            st.executeUpdate("UPDATE \"" + schema + "\".account SET balance = 2 WHERE id = " + a.id());
        }
        assertThat(versions(db)).extracting(m -> m.get("type") + " " + m.get("balance")).containsExactly("+ 1", "~ 2");
    }

    @AllEngines
    void auditAsWorksBeforeAnyHistoryExists(Scratch s) {
        Database db = s.db();
        db.sql("CREATE TABLE plain_t (id INTEGER PRIMARY KEY, v INTEGER)").execute();
        assertThat(Audit.as(db, "alice", null, () -> db.sql("INSERT INTO plain_t (id, v) VALUES (1, 2)").execute()))
                .isEqualTo(1);
        assertThat(db.sql("SELECT v FROM plain_t").list().get(0).getInt("v")).isEqualTo(2);
    }
}
