package io.covet.core.replica;

import io.covet.core.Database;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static io.covet.core.replica.Nodes.primaryPort;
import static io.covet.core.replica.Nodes.replicaPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Consistency per read on the real test replicas with replay paused (forced lag): read-your-writes never reads
 * stale, eventual does; a bounded read leaves a paused replica for the primary and returns after resume; a replica
 * over its maximum lag leaves the rotation and comes back.
 */
class ReplicaConsistencyTest {
    private static final int ITERATIONS = 1_000;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Writes a row and reads it back in the session; true when the read saw it. */
    private static boolean writeThenRead(Database db, ReadSession session, int id, Consistency consistency) {
        return session.run(() -> {
            db.sql("INSERT INTO ryw (id) VALUES (?)", id).execute();
            var read = db.sql("SELECT id FROM ryw WHERE id = ?", id);
            return !(consistency == null ? read : read.consistency(consistency)).list().isEmpty();
        });
    }

    @ReplicaEngines
    void readYourWritesNeverReadsStaleUnderForcedLagWhileEventualDoes(ReplicaPair pair) throws Exception {
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()).maxLag(Duration.ofHours(1))
                .readYourWritesTimeout(Duration.ofMillis(5)))) {
            Replicas replicas = db.replicas().orElseThrow();
            db.sql("CREATE TABLE ryw (id INT PRIMARY KEY)").execute();
            pair.control().awaitCaughtUp(Duration.ofSeconds(30));
            pair.control().pauseReplay();

            ReadSession session = ReadSession.start();
            int stale = 0;
            for (int i = 1; i <= ITERATIONS; i++) {
                if (!writeThenRead(db, session, i, null)) {
                    stale++;
                }
            }
            assertThat(stale).as("stale read-your-writes reads").isZero();
            assertThat(replicas.readYourWritesFallbacks()).isEqualTo(ITERATIONS);
            assertThat(session.export()).startsWith(db.engine().scheme() + ":");

            int staleEventual = 0;
            for (int i = ITERATIONS + 1; i <= 2 * ITERATIONS; i++) {
                if (!writeThenRead(db, session, i, Consistency.EVENTUAL)) {
                    staleEventual++;
                }
            }
            assertThat(staleEventual).as("the same loop at EVENTUAL reads the paused replica").isEqualTo(ITERATIONS);

            // After resume, the session's reads are served by the replica once it has replayed the last write.
            pair.control().resumeReplay();
            pair.control().awaitCaughtUp(Duration.ofSeconds(30));
            long before = replicas.status().get(0).reads();
            long fallbacks = replicas.readYourWritesFallbacks();
            int last = 2 * ITERATIONS;
            boolean seen = session.run(() -> !db.sql("SELECT id FROM ryw WHERE id = ?", last).list().isEmpty());
            assertThat(seen).isTrue();
            assertThat(replicas.status().get(0).reads()).isEqualTo(before + 1);
            assertThat(replicas.readYourWritesFallbacks()).isEqualTo(fallbacks);

            // The token travels as text: a session resumed from it in another "request" waits for the same write.
            pair.control().pauseReplay();
            db.sql("INSERT INTO ryw (id) VALUES (?)", -1).execute();
            ReadSession writer = ReadSession.start();
            writer.run(() -> db.sql("INSERT INTO ryw (id) VALUES (?)", -2).execute());
            ReadSession next = ReadSession.resume(writer.export());
            assertThat(next.run(() -> db.sql("SELECT id FROM ryw WHERE id = -2").list()).size()).isEqualTo(1);
            assertThat(db.sql("SELECT id FROM ryw WHERE id = -2").list())
                    .as("outside the session the read is eventual and the paused replica lacks the row").isEmpty();
        }
    }

    @ReplicaEngines
    void boundedReadsLeaveAPausedReplicaAndReturnAfterResume(ReplicaPair pair) throws Exception {
        int primary = primaryPort(pair);
        int replica = replicaPort(pair);
        Consistency oneSecond = Consistency.bounded(Duration.ofSeconds(1));
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()).maxLag(Duration.ofHours(1)))) {
            String port = Nodes.portSql(db.engine());
            db.sql("CREATE TABLE bounded (id INT PRIMARY KEY)").execute();
            pair.control().awaitCaughtUp(Duration.ofSeconds(30));
            await("a bounded read reaches the caught-up replica",
                    () -> db.sql(port).consistency(oneSecond).list(rs -> rs.getInt(1)).get(0) == replica);

            pair.control().pauseReplay();
            db.sql("INSERT INTO bounded (id) VALUES (1)").execute();
            await("bounded reads move to the primary",
                    () -> db.sql(port).consistency(oneSecond).list(rs -> rs.getInt(1)).get(0) == primary);
            assertThat(Nodes.port(db)).as("eventual reads stay on the replica (within its 1 h max lag)")
                    .isEqualTo(replica);

            pair.control().resumeReplay();
            await("bounded reads return to the replica",
                    () -> db.sql(port).consistency(oneSecond).list(rs -> rs.getInt(1)).get(0) == replica);
        }
    }

    @ReplicaEngines
    void aReplicaOverItsMaxLagLeavesTheRotationAndReturns(ReplicaPair pair) throws Exception {
        int primary = primaryPort(pair);
        int replica = replicaPort(pair);
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl(), 1, Duration.ofMillis(400)))) {
            Replicas replicas = db.replicas().orElseThrow();
            db.sql("CREATE TABLE lagging (id INT PRIMARY KEY)").execute();
            pair.control().awaitCaughtUp(Duration.ofSeconds(30));
            await("the replica serves", () -> !replicas.degraded() && Nodes.port(db) == replica);

            pair.control().pauseReplay();
            db.sql("INSERT INTO lagging (id) VALUES (1)").execute();
            await("the replica leaves the rotation", replicas::degraded);
            ReplicaStatus out = replicas.status().get(0);
            assertThat(out.up()).isTrue();
            assertThat(out.inRotation()).isFalse();
            assertThat(out.reason().orElseThrow()).containsAnyOf("over its maximum 400 ms", "lag unknown");
            assertThat(Nodes.port(db)).isEqualTo(primary);
            assertThat(replicas.primaryFallbacks()).isPositive();

            pair.control().resumeReplay();
            await("the replica returns to the rotation", () -> !replicas.degraded());
            assertThat(Nodes.port(db)).isEqualTo(replica);
            assertThat(replicas.status().get(0).lag()).hasValueSatisfying(l -> assertThat(l).isLessThanOrEqualTo(
                    Duration.ofMillis(200)));
        }
    }
}
