package io.covet.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code replica-route} measured {@link Interleaved}: the two {@link ReplicaRouteBenchmark} methods (a point read
 * routed to the replica, the same read on a database opened directly on the replica) in alternating blocks of 200
 * reads, on each server engine.
 */
final class ReplicaRouteInterleaved {
    private static final int OPS = 200;

    private ReplicaRouteInterleaved() {
    }

    static List<String> run(boolean quick) throws Exception {
        int rounds = quick ? 30 : 120;
        List<String> lines = new ArrayList<>();
        for (String engine : List.of("postgresql", "mariadb")) {
            ReplicaRouteBenchmark b = new ReplicaRouteBenchmark();
            b.engine = engine;
            b.open();
            try {
                lines.add(Interleaved.pair("replica-route-" + engine + "-interleaved", b::covet, b::direct, OPS,
                        rounds));
            } finally {
                b.close();
            }
        }
        return lines;
    }
}
