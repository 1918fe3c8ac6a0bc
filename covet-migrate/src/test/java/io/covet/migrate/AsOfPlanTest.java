package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.pipeline.Interceptor;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.orm.Orm;
import io.covet.schema.HistoryTable;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan of an as-of lookup by key, on each engine: the statement the ORM sends for
 * {@code asOf(t).filter(id = k)} is captured as it runs and EXPLAINed with the same values; the engine reads the
 * history table through its as-of index ({@code account_hist_asof} on key, {@code valid_from} and {@code valid_to}), not by a scan;
 * and the check that the instant is not before the history began or its prune point reads primary keys only.
 */
class AsOfPlanTest {

    private record Sent(String sql, List<Object> params) {
    }

    @AllEngines
    void anAsOfLookupByKeyUsesTheHistoryIndex(Scratch s) {
        List<Sent> sent = new ArrayList<>();
        Interceptor capture = new Interceptor() {
            @Override
            public <T> T intercept(Chain<T> chain) {
                synchronized (sent) {
                    sent.add(new Sent(chain.context().sql(), new ArrayList<>(chain.context().unsafeParameterValues())));
                }
                return chain.proceed();
            }
        };
        Database db = s.open(b -> b.interceptor(capture));
        Orm orm = HistoryCaptureTest.migrated(db);
        List<Account> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(new Account("o" + i, i));
        }
        orm.objects(Account_.TYPE).bulkCreate(many);
        orm.objects(Account_.TYPE).update(Account_.BALANCE.set(1));
        orm.objects(Account_.TYPE).update(Account_.BALANCE.set(2));
        if (s.engine() == Engine.MARIADB) {
            db.sql("ANALYZE TABLE account_history").list();
        } else {
            db.sql(s.engine() == Engine.POSTGRESQL ? "ANALYZE account_history" : "ANALYZE").execute();
        }
        long id = orm.objects(Account_.TYPE).filter(Account_.OWNER.eq("o1500")).get().id();

        sent.clear();
        List<Account> past = orm.objects(Account_.TYPE).asOf(Instant.now().plusSeconds(3600))
                .filter(Account_.ID.eq(id)).list();
        assertThat(past).extracting(Account::balance).containsExactly(2);
        Sent q = sent.stream().filter(x -> x.sql().contains("valid_to") && x.sql().contains("account_history"))
                .reduce((a, b) -> b).orElseThrow();
        String plan = db.sql(db.dialect().explain(q.sql()), q.params()).list().stream()
                .map(r -> r.asMap().values().toString()).collect(Collectors.joining("\n"));
        String index = HistoryTable.asOfIndexName("account");
        assertThat(plan).as("plan of %s", q.sql()).contains(index);
        if (s.engine() == Engine.POSTGRESQL) {
            assertThat(plan).doesNotContain("Seq Scan on account_history");
        } else if (s.engine() == Engine.SQLITE) {
            assertThat(plan).contains("SEARCH").doesNotContain("SCAN account_history");
        } else {
            assertThat(plan).doesNotContain("ALL");
        }

        // the migration made the horizon table, so once this database has seen it an asOf list is ONE statement:
        // the began/prune check (first version and prune point, each by primary key) is read with the rows, no
        // catalog lookup; the plan still uses the as-of index and reads the horizon by its key
        sent.clear();
        assertThat(orm.objects(Account_.TYPE).asOf(Instant.now().plusSeconds(3600)).filter(Account_.ID.eq(id))
                .list()).extracting(Account::balance).containsExactly(2);
        assertThat(sent).hasSize(1);
        Sent one = sent.get(0);
        assertThat(one.sql()).contains(HistoryTable.HORIZON_TABLE).contains("account_history")
                .doesNotContainIgnoringCase("information_schema").doesNotContain("sqlite_master")
                .doesNotContain("to_regclass");
        String onePlan = db.sql(db.dialect().explain(one.sql()), one.params()).list().stream()
                .map(r -> r.asMap().values().toString()).collect(Collectors.joining("\n"));
        assertThat(onePlan).as("plan of %s", one.sql()).contains(index);
        if (s.engine() == Engine.POSTGRESQL) {
            assertThat(onePlan).contains(HistoryTable.HORIZON_TABLE + "_pkey").doesNotContain("Seq Scan");
        } else if (s.engine() == Engine.SQLITE) {
            assertThat(onePlan).contains("SEARCH " + HistoryTable.HORIZON_TABLE);
        } else {
            assertThat(onePlan).contains("PRIMARY");
        }
        // no row: the check is then sent on its own, after the query
        sent.clear();
        assertThat(orm.objects(Account_.TYPE).asOf(Instant.now().plusSeconds(3600)).filter(Account_.ID.eq(-1L))
                .list()).isEmpty();
        assertThat(sent).hasSize(2);
    }
}
