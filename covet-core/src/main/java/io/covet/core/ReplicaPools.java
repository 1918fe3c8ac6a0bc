package io.covet.core;

import io.covet.core.error.ConfigurationException;
import io.covet.core.internal.ManagedPool;
import io.covet.core.internal.ReplicaSet;
import io.covet.core.replica.ReplicaConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the pools of a database's replicas (one per replica, with the database's pool settings and the replicas'
 * shorter acquire timeout) and checks the role of each node that is reachable; on any failure closes what it opened,
 * the primary's pool included, and says which replica failed and why.
 */
final class ReplicaPools {
    private ReplicaPools() {
    }

    static ReplicaSet open(DatabaseConfig config, DatabaseUrl primaryUrl, ManagedPool primary) {
        ReplicaConfig rc = config.replicas().orElseThrow();
        if (rc.heartbeat() && primaryUrl.engine() != io.covet.core.engine.Engine.MARIADB) {
            primary.close();
            throw new io.covet.core.error.UnsupportedFeature(primaryUrl.engine(), "a replica heartbeat row (database '"
                    + config.name() + "')", "Its standbys report their replay time (pg_last_xact_replay_timestamp), "
                    + "which Covet reads for lag: leave replica.heartbeat off.");
        }
        List<ManagedPool> pools = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < rc.nodes().size(); i++) {
                DatabaseUrl url = url(config.name(), i, rc.nodes().get(i).url(), primaryUrl);
                // Without connecting: a replica that is down now starts out of the rotation and joins when it
                // comes up (ReplicaSet.open); one that is up is checked there, and refused if misconfigured.
                pools.add(ManagedPool.openWithoutConnecting(node(config, i + 1, url, rc.acquireTimeout()), url));
                names.add(url.location());
            }
            return ReplicaSet.open(config.name(), primaryUrl.engine(), rc, primary, pools, names);
        } catch (RuntimeException e) {
            pools.forEach(ManagedPool::close);
            primary.close();
            throw e;
        }
    }

    /**
     * The configuration of the pool of replica {@code index} (from 1): {@code config}'s pool settings, named
     * {@code <name>_replica<index>}, at {@code url}, with an acquire timeout at most {@code acquireTimeout}.
     */
    private static DatabaseConfig node(DatabaseConfig config, int index, DatabaseUrl url, Duration acquireTimeout) {
        DatabaseConfig.Builder b = config.toBuilder(config.name() + "_replica" + index);
        b.replicas = null;
        // A framework's transaction holds a primary connection: a replica node never joins it.
        b.externalTransactions = null;
        b.url(url);
        if (acquireTimeout.compareTo(config.connectionTimeout()) < 0) {
            b.pool(config.pool().toBuilder().acquireTimeout(acquireTimeout).build());
        }
        return b.build();
    }

    /** Replica {@code i}'s URL, with the primary's credentials when it has none; of the primary's engine. */
    private static DatabaseUrl url(String database, int i, String text, DatabaseUrl primary) {
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(text);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("replica #" + (i + 1) + " of database '" + database + "': "
                    + e.getMessage());
        }
        if (url.engine() != primary.engine()) {
            throw new ConfigurationException("replica #" + (i + 1) + " of database '" + database + "' is "
                    + url.engine().displayName() + " but the primary is " + primary.engine().displayName()
                    + ": a replica must be of its primary's engine");
        }
        if (url.user().isEmpty() && primary.user().isPresent()) {
            url = url.withCredentials(primary.user().get(), primary.password().orElse(null));
        }
        return url;
    }
}
