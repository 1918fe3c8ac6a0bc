package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.core.replica.NodeStatus;
import io.covet.core.replica.ReplicaLag;

import java.sql.Connection;
import java.time.Duration;

/** An engine without (supported) replicas: every replication primitive is refused, naming the alternative. */
final class UnsupportedReplication implements ReplicationSpecifics {
    private final Engine engine;
    private final String alternative;

    UnsupportedReplication(Engine engine, String alternative) {
        this.engine = engine;
        this.alternative = alternative;
    }

    private UnsupportedFeature refuse(String what) {
        return new UnsupportedFeature(engine, "read replicas (" + what + ")", alternative + ".");
    }

    @Override
    public void requireSupported() {
        throw refuse("replication primitives");
    }

    @Override
    public NodeStatus status(Connection node) {
        throw refuse("node role");
    }

    @Override
    public ReplicaLag lag(Connection replica, Connection primary) {
        throw refuse("replication lag");
    }

    @Override
    public String capture(Connection primary) {
        throw refuse("causal token");
    }

    @Override
    public boolean await(Connection replica, String position, Duration timeout) {
        throw refuse("waiting for a causal token");
    }

    @Override
    public boolean isPosition(String text) {
        throw refuse("causal token");
    }

    @Override
    public String positionForm() {
        throw refuse("causal token");
    }
}
