package io.covet.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code history-update-app} measured {@link Interleaved}: the two {@link HistoryAppBenchmark} methods (a save of the
 * application-captured model, the same save of its untracked copy) in alternating blocks, on each engine.
 */
final class HistoryAppInterleaved {
    private static final int OPS = 50;

    private HistoryAppInterleaved() {
    }

    static List<String> run(boolean quick) throws Exception {
        int rounds = quick ? 20 : 80;
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("sqlite", "postgresql", "mariadb")) {
            HistoryAppBenchmark b = new HistoryAppBenchmark();
            b.engine = engine;
            b.open();
            try {
                lines.add(Interleaved.pair("history-update-app-" + engine + "-interleaved", b::saveTracked,
                        b::savePlain, OPS, rounds));
            } finally {
                b.close();
            }
        }
        return lines;
    }
}
