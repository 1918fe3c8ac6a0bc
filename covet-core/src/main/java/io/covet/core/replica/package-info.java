/**
 * Replication primitives, per engine, on plain {@link java.sql.Connection}s: what a node is
 * ({@link io.covet.core.replica.NodeStatus}: primary or replica, read-only or not), how far a replica is behind
 * its primary ({@link io.covet.core.replica.ReplicaLag}), and causal tokens
 * ({@link io.covet.core.replica.CausalToken}): the primary's position after a commit, as a string that can travel
 * between requests, and waiting on a replica until it has replayed that position (read-your-writes).
 *
 * <p>{@link io.covet.core.replica.Replication} is the entry point. These are the building blocks replica routing
 * is made of; routing itself (which statement goes to which node) is not part of this package yet. PostgreSQL
 * streaming standbys and MariaDB GTID replicas are supported; SQLite has no replicas and every operation
 * throws {@link io.covet.core.error.UnsupportedFeature}. The guide is {@code docs/replicas.md}.
 */
package io.covet.core.replica;
