package io.covet.core.replica;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.tx.TxOptions;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.covet.core.replica.Nodes.portSql;
import static io.covet.core.replica.Nodes.primaryPort;
import static io.covet.core.replica.Nodes.replicaPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing table on the real test replicas: each kind of statement runs on the node it should, told by the
 * port the answering server reports ({@code inet_server_port()}, {@code @@port}).
 */
class ReplicaRoutingTest {

    @ReplicaEngines
    void eachStatementKindRunsWhereItShould(ReplicaPair pair) throws Exception {
        int primary = primaryPort(pair);
        int replica = replicaPort(pair);
        assertThat(primary).isNotEqualTo(replica);
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()))) {
            String port = portSql(db.engine());
            db.sql("CREATE TABLE routed (id INT PRIMARY KEY, v INT)").execute();
            assertThat(db.sql("INSERT INTO routed (id, v) VALUES (1, 1)").execute()).isEqualTo(1);
            pair.control().awaitCaughtUp(Duration.ofSeconds(30));

            // reads outside a transaction: the replica
            assertThat(Nodes.port(db)).isEqualTo(replica);
            assertThat(db.sql(port + " FROM routed WHERE id = ?", 1).list(rs -> rs.getInt(1))).containsExactly(replica);
            try (Stream<Integer> s = db.sql(port).stream(rs -> rs.getInt(1))) {
                assertThat(s.toList()).containsExactly(replica);
            }
            // a write: the primary (on the replica it would fail as read-only)
            assertThat(db.sql("UPDATE routed SET v = 2 WHERE id = 1").execute()).isEqualTo(1);
            // locking reads: the primary
            assertThat(db.sql(port + " FROM routed WHERE id = 1 FOR UPDATE").list(rs -> rs.getInt(1)))
                    .containsExactly(primary);
            String share = db.engine() == Engine.POSTGRESQL ? " FOR SHARE" : " LOCK IN SHARE MODE";
            assertThat(db.sql(port + " FROM routed WHERE id = 1" + share).list(rs -> rs.getInt(1)))
                    .containsExactly(primary);
            // overrides
            assertThat(db.sql(port).onPrimary().list(rs -> rs.getInt(1))).containsExactly(primary);
            int pinned = Reads.onPrimary(() -> Nodes.port(db));
            assertThat(pinned).isEqualTo(primary);
            int nested = Reads.onPrimary(() -> Reads.with(Consistency.EVENTUAL, () -> Nodes.port(db)));
            assertThat(nested).as("an inner scope without a pin keeps the outer pin").isEqualTo(primary);
            // everything in a read-write transaction: the primary
            int inTx = db.atomic(tx -> Nodes.port(db));
            assertThat(inTx).isEqualTo(primary);
            // a read-only transaction: a replica
            int readOnlyTx = db.atomic(TxOptions.builder().readOnly().build(), tx -> Nodes.port(db));
            assertThat(readOnlyTx).isEqualTo(replica);
            int pinnedTx = Reads.onPrimary(() -> db.atomic(TxOptions.builder().readOnly().build(),
                    tx -> Nodes.port(db)));
            assertThat(pinnedTx).isEqualTo(primary);
            // raw connections (migrations, backups): the primary
            int raw = db.withConnection(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(port)) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(raw).isEqualTo(primary);
            assertThat(db.replicas().orElseThrow().primaryFallbacks()).isZero();
        }
    }

    @ReplicaEngines
    void aRouterSendsChosenTablesToThePrimaryAndReadsCanBePinnedToReplicas(ReplicaPair pair) {
        int primary = primaryPort(pair);
        int replica = replicaPort(pair);
        Router invoices = statement -> statement.tables().contains("invoice") ? Router.Route.PRIMARY
                : Router.Route.DEFAULT;
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()).router(invoices))) {
            String port = portSql(db.engine());
            assertThat(db.sql(port).tables(List.of("invoice")).list(rs -> rs.getInt(1))).containsExactly(primary);
            assertThat(db.sql(port).tables(List.of("customer")).list(rs -> rs.getInt(1))).containsExactly(replica);
            assertThat(Reads.onReplica(() -> db.sql(port).tables(List.of("invoice")).list(rs -> rs.getInt(1))))
                    .as("using(\"replica\") wins over the router").containsExactly(replica);
        }
    }

    @ReplicaEngines
    void aReadTheReplicaRefusesAsAWriteRunsOnThePrimary(ReplicaPair pair) {
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()))) {
            if (db.engine() == Engine.POSTGRESQL) {
                db.sql("CREATE SEQUENCE routed_seq").execute();
                pair.control().awaitCaughtUp(Duration.ofSeconds(30));
                // nextval() writes: a hot standby refuses it (25006), so the read moves to the primary
                assertThat(db.sql("SELECT nextval('routed_seq')").list(rs -> rs.getLong(1))).containsExactly(1L);
                assertThat(db.sql("SELECT nextval('routed_seq')").list(rs -> rs.getLong(1))).containsExactly(2L);
            } else {
                // MariaDB: the test account holds READ ONLY ADMIN, so the replica would run a writing function
                // itself; such a read must say onPrimary() (docs/replicas.md)
                db.sql("CREATE TABLE counter (n INT)").execute();
                db.sql("INSERT INTO counter VALUES (0)").execute();
                db.sql("CREATE FUNCTION bump() RETURNS INT MODIFIES SQL DATA BEGIN UPDATE counter SET n = n + 1; "
                        + "RETURN (SELECT n FROM counter); END").execute();
                pair.control().awaitCaughtUp(Duration.ofSeconds(30));
                assertThat(db.sql("SELECT bump()").onPrimary().list(rs -> rs.getInt(1))).containsExactly(1);
                assertThat(db.sql("SELECT n FROM counter").onPrimary().list(rs -> rs.getInt(1))).containsExactly(1);
            }
        }
    }
}
