package io.covet.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code history-interleaved}: history-update and history-asof measured {@link Interleaved} on the data of
 * {@link HistoryBenchmark} (the tracked operation against its baseline on the untracked table), on each engine.
 */
final class HistoryInterleaved {
    private static final int OPS = 200;

    private HistoryInterleaved() {
    }

    static List<String> run(boolean quick) throws Exception {
        System.setProperty("covet.bench.quick", String.valueOf(quick));
        int rounds = quick ? 30 : 100;
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("sqlite", "postgresql", "mariadb")) {
            HistoryBenchmark b = new HistoryBenchmark();
            b.engine = engine;
            b.open();
            try {
                lines.add(Interleaved.pair("history-update-" + engine + "-interleaved", b::updateTracked,
                        b::updatePlain, OPS, rounds));
                lines.add(Interleaved.pair("history-asof-" + engine + "-interleaved", b::asOf, b::current, OPS,
                        rounds));
            } finally {
                b.close();
            }
        }
        return lines;
    }
}
