package io.covet.core;

import io.covet.core.error.ConfigurationException;
import io.covet.core.internal.ManagedPool;
import io.covet.core.internal.ReplicaSet;
import io.covet.core.internal.StatementExecutor;
import io.covet.core.replica.ReplicaConfig;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the pools of a database's replicas (one per replica, with the database's pool settings and the replicas'
 * shorter acquire timeout) and checks each node's role; on any failure closes what it opened, the primary's pool
 * included, and says which replica failed and why.
 */
final class ReplicaPools {
    private ReplicaPools() {
    }

    static ReplicaSet open(DatabaseConfig config, DatabaseUrl primaryUrl, ManagedPool primary) {
        ReplicaConfig rc = config.replicas().orElseThrow();
        List<ManagedPool> pools = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < rc.nodes().size(); i++) {
                DatabaseUrl url = url(config.name(), i, rc.nodes().get(i).url(), primaryUrl);
                try {
                    pools.add(ManagedPool.open(config.replicaNode(i + 1, url, rc.acquireTimeout()), url));
                } catch (SQLException e) {
                    throw new StatementExecutor(config.name() + "_replica" + (i + 1), url.engine(), null,
                            url.location()).connectionFailure(e);
                }
                names.add(url.location());
            }
            return ReplicaSet.open(config.name(), primaryUrl.engine(), rc, primary, pools, names);
        } catch (RuntimeException e) {
            pools.forEach(ManagedPool::close);
            primary.close();
            throw e;
        }
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
