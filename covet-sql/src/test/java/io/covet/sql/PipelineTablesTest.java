package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;

/** Queries built with covet-sql hand the tables they name to the runtime's interceptors, rendered or cached. */
class PipelineTablesTest {

    private static final class Keep implements Interceptor {
        final List<StatementContext> seen = new CopyOnWriteArrayList<>();

        @Override
        public <T> T intercept(Chain<T> chain) {
            seen.add(chain.context());
            return chain.proceed();
        }

        StatementContext last() {
            return seen.get(seen.size() - 1);
        }
    }

    @AllEngines
    void builderStatementsCarryTheirTableNames(Scratch s) {
        TestSchema.seed(s.db());
        Keep keep = new Keep();
        Database db = s.open(b -> b.interceptor(keep));
        for (long id : new long[]{1L, 2L}) { // the second render is a cache hit: the tables come from the cache
            select(USERS.NAME, ORDERS.ID).from(USERS).join(ORDERS, ORDERS.USER_ID.eq(USERS.ID))
                    .where(USERS.ID.eq(id)).fetch(db);
            StatementContext c = keep.last();
            assertThat(c.kind()).isEqualTo(StatementKind.QUERY);
            assertThat(c.operation()).isEqualTo(Operation.SELECT);
            assertThat(c.tables()).containsExactly("users", "orders");
            assertThat(c.parameterCount()).isEqualTo(1);
        }
        String firstFingerprint = keep.seen.get(0).fingerprint();
        assertThat(keep.last().fingerprint()).isEqualTo(firstFingerprint);

        Sql.update(USERS).set(USERS.NAME, "Renamed").where(USERS.ID.eq(1L)).execute(db);
        assertThat(keep.last().kind()).isEqualTo(StatementKind.UPDATE);
        assertThat(keep.last().operation()).isEqualTo(Operation.UPDATE);
        assertThat(keep.last().tables()).containsExactly("users");

        Sql.deleteFrom(ORDERS).where(ORDERS.ID.eq(-1L)).execute(db);
        assertThat(keep.last().operation()).isEqualTo(Operation.DELETE);
        assertThat(keep.last().tables()).containsExactly("orders");

        try (Stream<String> names = select(USERS.NAME).from(USERS).stream(db, rs -> rs.getString(1))) {
            assertThat(names.count()).isPositive();
        }
        assertThat(keep.last().kind()).isEqualTo(StatementKind.STREAM);
        assertThat(keep.last().tables()).containsExactly("users");

        db.sql("SELECT COUNT(*) FROM users").list();
        assertThat(keep.last().tables()).as("hand-written SQL is not parsed for tables").isEmpty();
    }
}
