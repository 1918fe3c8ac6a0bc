package io.covet.core;

import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams several times more data than the heap can hold. Surefire runs this class alone in a JVM with
 * {@code -Xmx64m} (see covet-core/pom.xml), so buffering the result anywhere would end in OutOfMemoryError.
 */
class StreamingHeapTest {
    private static final int PAYLOAD = 1000;

    @AllEngines
    void streamsMoreRowsThanFitInTheHeap(Scratch s) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap).as("this test must run in the small-heap surefire execution").isLessThan(128L << 20);
        int rows = (int) (3 * maxHeap / PAYLOAD); // three heaps' worth of payload
        Database db = s.db();
        String sql = switch (s.engine()) {
            case POSTGRESQL -> "SELECT g, repeat('x', " + PAYLOAD + ") FROM generate_series(1, ?) g";
            case MARIADB -> "SELECT seq, REPEAT('x', " + PAYLOAD + ") FROM seq_1_to_" + rows + " WHERE seq <= ?";
            default -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) "
                    + "SELECT x, hex(zeroblob(" + PAYLOAD / 2 + ")) FROM c";
        };
        long count = 0;
        long bytes = 0;
        long lastId = 0;
        try (Stream<String> stream = db.sql(sql, rows).stream(rs -> rs.getLong(1) + ":" + rs.getString(2))) {
            for (String row : (Iterable<String>) stream::iterator) {
                long id = Long.parseLong(row.substring(0, row.indexOf(':')));
                assertThat(id).isEqualTo(lastId + 1);
                lastId = id;
                bytes += row.length() - row.indexOf(':') - 1;
                count++;
            }
        }
        assertThat(count).isEqualTo(rows);
        assertThat(bytes).isGreaterThan(2 * maxHeap);
        // the connection went back to the pool in a usable state
        assertThat(db.sql("SELECT 1").list(rs -> rs.getInt(1))).containsExactly(1);
    }
}
