package io.covet.core.resilience;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DatabaseUnavailable;
import io.covet.testing.EngineSource;
import io.covet.testing.FaultProxy;
import io.covet.testing.Scratch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Network faults between Covet and a server, through a {@link FaultProxy} on loopback: latency within and beyond
 * the driver's socket timeout, and a blackhole (nothing passes, nothing is refused). Timeouts fire as configured,
 * every caller returns, the breaker opens and closes. SQLite has no network: not applicable.
 *
 * <p>A blackholed connection is only escaped with the driver's socket timeout ({@code driver.socketTimeout}:
 * seconds for pgjdbc, milliseconds for MariaDB): a query timeout is enforced by the server, which never hears
 * of the query, and a cancel request travels the same dead path.
 */
class NetworkFaultTest {

    static Stream<Engine> servers() {
        return EngineSource.selected().stream().filter(e -> e != Engine.SQLITE);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void latencyAndBlackholeEndInTimeoutsAndNoThreadHangs(Engine engine) throws Exception {
        try (Scratch s = Scratch.on(engine); FaultProxy proxy = Faults.proxy(s)) {
            ResilienceSettings settings = ResilienceSettings.builder().minimumCalls(2).slidingWindow(4)
                    .openDuration(Duration.ofMillis(800)).maxAttempts(1).build();
            String socketTimeout = engine == Engine.POSTGRESQL ? "1" : "1000";
            try (Database db = Database.open(DatabaseConfig.builder("remote", Faults.through(s, proxy))
                    .minIdle(0).maxPoolSize(4).connectionTimeout(Duration.ofSeconds(1))
                    .driverProperty("socketTimeout", socketTimeout).resilience(settings).build())) {
                Resilience r = db.resilience().orElseThrow();
                // latency below the socket timeout: slower, not failed
                proxy.latency(100);
                assertThat(db.sql("SELECT 1").list(rs -> rs.getInt(1))).containsExactly(1);

                // latency beyond it: the driver gives up on the socket, a transient ConnectionFailure
                proxy.latency(2500);
                Throwable slow = CompletableFuture.supplyAsync(() -> catchThrowable(() -> db.sql("SELECT 1").list()))
                        .get(30, TimeUnit.SECONDS);
                assertThat(slow).isInstanceOf(ConnectionFailure.class);
                proxy.latency(0);
                proxy.resetAll();

                // blackhole: four callers at once, each gets an answer (no thread hangs)
                proxy.mode(FaultProxy.Mode.BLACKHOLE);
                List<CompletableFuture<Throwable>> callers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    callers.add(CompletableFuture.supplyAsync(() -> catchThrowable(() -> db.sql("SELECT 1").list())));
                }
                for (CompletableFuture<Throwable> c : callers) {
                    Throwable e = c.get(30, TimeUnit.SECONDS);
                    assertThat(e).isInstanceOfAny(ConnectionFailure.class, DatabaseUnavailable.class);
                }
                for (int i = 0; i < 3 && r.state() == BreakerState.CLOSED; i++) {
                    assertThat(catchThrowable(() -> db.sql("SELECT 1").list())).isNotNull();
                }
                assertThat(r.state()).isEqualTo(BreakerState.OPEN);
                assertThat(catchThrowable(() -> db.sql("SELECT 1").list())).isInstanceOf(DatabaseUnavailable.class);

                proxy.mode(FaultProxy.Mode.PASS);
                proxy.resetAll();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                List<Integer> back = null;
                while (back == null && System.nanoTime() < deadline) {
                    try {
                        back = db.sql("SELECT 2").list(rs -> rs.getInt(1));
                    } catch (DatabaseUnavailable | ConnectionFailure e) {
                        Thread.sleep(100);
                    }
                }
                assertThat(back).containsExactly(2);
                assertThat(r.state()).isEqualTo(BreakerState.CLOSED);
            }
        }
    }
}
