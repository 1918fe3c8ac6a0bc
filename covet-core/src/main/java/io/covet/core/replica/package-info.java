/**
 * Read replicas: configuration ({@link io.covet.core.replica.ReplicaConfig}, attached with
 * {@code DatabaseConfig.Builder.replicas}), where reads go ({@link io.covet.core.replica.Reads},
 * {@link io.covet.core.replica.Router}, {@link io.covet.core.replica.Consistency}), read-your-writes across requests
 * ({@link io.covet.core.replica.ReadSession} carrying a {@link io.covet.core.replica.CausalToken}), and the live
 * state of a database's replicas ({@link io.covet.core.replica.Replicas}, from {@code Database.replicas()}).
 *
 * <p>Underneath are the replication primitives, per engine, on plain {@link java.sql.Connection}s
 * ({@link io.covet.core.replica.Replication}): what a node is ({@link io.covet.core.replica.NodeStatus}), how far a
 * replica is behind ({@link io.covet.core.replica.ReplicaLag}), capturing the primary's position after a commit
 * and waiting on a replica until it has replayed it. PostgreSQL streaming standbys and MariaDB GTID replicas are
 * supported; SQLite has no replicas and refuses them with {@link io.covet.core.error.UnsupportedFeature}. The guide
 * is {@code docs/replicas.md}.
 */
package io.covet.core.replica;
