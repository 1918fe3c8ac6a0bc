package io.covet.core.replica;

import io.covet.core.engine.Engine;

/**
 * A node's role and whether it refuses writes, read live from the server by {@link Replication#status}. A node's
 * configured role and its real one can differ; these two facts are what a caller compares to catch a primary
 * listed as a replica, or a replica left writable.
 *
 * @param engine   the node's engine
 * @param role     the role the server reports (PostgreSQL {@code pg_is_in_recovery()}, MariaDB: whether
 *                 {@code SHOW SLAVE STATUS} names a source)
 * @param readOnly whether the server refuses writes from ordinary sessions by default (PostgreSQL: in recovery or
 *                 {@code default_transaction_read_only}; MariaDB {@code @@global.read_only}, which accounts with
 *                 the {@code READ_ONLY ADMIN} privilege still bypass)
 */
public record NodeStatus(Engine engine, NodeRole role, boolean readOnly) {

    /** Whether this node is a replica that would still accept writes: replicas should be read-only. */
    public boolean writableReplica() {
        return role == NodeRole.REPLICA && !readOnly;
    }
}
