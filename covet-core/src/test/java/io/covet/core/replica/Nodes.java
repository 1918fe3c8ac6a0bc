package io.covet.core.replica;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.engine.Engine;
import io.covet.testing.ReplicaPair;

import java.time.Duration;
import java.util.function.Consumer;

/** Opens databases with replicas on a test pair and tells which node answered a statement. */
final class Nodes {
    private Nodes() {
    }

    /** The statement that returns the answering server's port. */
    static String portSql(Engine engine) {
        return engine == Engine.POSTGRESQL ? "SELECT inet_server_port()" : "SELECT @@port";
    }

    static int primaryPort(ReplicaPair pair) {
        return pair.control().primaryServer().port();
    }

    static int replicaPort(ReplicaPair pair) {
        return pair.control().replicaServer().port();
    }

    /** The port of the server that ran {@code SELECT <port>} through {@code db}'s ordinary read path. */
    static int port(Database db) {
        return db.sql(portSql(db.engine())).list(rs -> rs.getInt(1)).get(0);
    }

    /** A database on the pair's primary with its replica, lag checked every 50 ms, configured further by {@code b}. */
    static Database open(ReplicaPair pair, Consumer<ReplicaConfig.Builder> b) {
        ReplicaConfig.Builder rb = ReplicaConfig.builder().lagCheckInterval(Duration.ofMillis(50));
        b.accept(rb);
        return Database.open(DatabaseConfig.builder("app", pair.primaryUrl()).maxPoolSize(6).replicas(rb.build())
                .build());
    }

    /** The pair's replica URL without credentials (the primary's are used). */
    static String replicaUrl(ReplicaPair pair) {
        return pair.replicaUrl();
    }

    /** {@code url} pointing at another port of the same host (a FaultProxy in front of the replica). */
    static String viaPort(String url, int port) {
        DatabaseUrl u = DatabaseUrl.parse(url);
        return url.replace("@" + u.location() + "/", "@127.0.0.1:" + port + "/");
    }
}
