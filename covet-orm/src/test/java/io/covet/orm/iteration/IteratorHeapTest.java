package io.covet.orm.iteration;

import com.zaxxer.hikari.HikariDataSource;
import io.covet.core.Database;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Iterates over several times more instances than the heap can hold. Surefire runs this class alone in a JVM with
 * {@code -Xmx64m} (see covet-orm/pom.xml), so an iterator that loaded the rows, or anything keeping the instances
 * it handed out, would end in OutOfMemoryError. The rows come from a view over a generated series named like the
 * model's table, so the test stores nothing.
 */
@Tag("small-heap")
class IteratorHeapTest {
    private static final int BODY = 1000;

    @AllEngines
    void iteratesOverMoreInstancesThanFitInTheHeap(Scratch s) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap).as("this test must run in the small-heap surefire execution").isLessThan(128L << 20);
        long rows = 3 * maxHeap / BODY; // three heaps' worth of text alone
        Database db = s.db();
        db.sql(switch (s.engine()) {
            case POSTGRESQL -> "CREATE VIEW payload AS SELECT g::bigint AS id, repeat('x', " + BODY + ") AS body "
                    + "FROM generate_series(1, " + rows + ") g";
            case MARIADB -> "CREATE VIEW payload AS SELECT seq AS id, REPEAT('x', " + BODY + ") AS body "
                    + "FROM seq_1_to_" + rows;
            default -> "CREATE VIEW payload AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                    + "WHERE x < " + rows + ") SELECT x AS id, hex(zeroblob(" + BODY / 2 + ")) AS body FROM c";
        }).execute();
        Orm orm = Orm.builder().database(db).models(Payload_.TYPE).build();

        long count = 0;
        long idSum = 0;
        long chars = 0;
        for (Payload p : orm.objects(Payload_.TYPE)) {
            assertThat(p.persisted()).isTrue();
            count++;
            idSum += p.id;
            chars += p.body.length();
        }
        assertThat(count).isEqualTo(rows);
        assertThat(idSum).isEqualTo(rows * (rows + 1) / 2);
        assertThat(chars).isGreaterThan(2 * maxHeap);
        assertThat(((HikariDataSource) db.dataSource()).getHikariPoolMXBean().getActiveConnections()).isZero();
    }
}
