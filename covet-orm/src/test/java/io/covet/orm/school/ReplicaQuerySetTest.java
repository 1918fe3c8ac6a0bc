package io.covet.orm.school;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.replica.ReadSession;
import io.covet.core.replica.ReplicaConfig;
import io.covet.core.replica.Router;
import io.covet.orm.Orm;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query sets on a database with a replica whose replay is paused, so that what a read sees tells where it ran:
 * reads go to the replica, {@code onPrimary()} pins them to the primary, {@code onReplica()} overrides a router
 * that sends the table to the primary, and a read-your-writes session sees the ORM's own saves.
 */
class ReplicaQuerySetTest {

    private static Database open(ReplicaPair pair, Router router) {
        return Database.open(DatabaseConfig.builder("school", pair.primaryUrl()).replicas(ReplicaConfig.builder()
                .replica(pair.replicaUrl(), 1, Duration.ofHours(1)).router(router)
                .lagCheckInterval(Duration.ofMillis(50)).build()).build());
    }

    @ReplicaEngines
    void querySetReadsFollowTheReplicaUnlessPinned(ReplicaPair pair) {
        Router courses = statement -> statement.tables().stream().anyMatch(t -> t.equalsIgnoreCase("course"))
                ? Router.Route.PRIMARY : Router.Route.DEFAULT;
        try (Database db = open(pair, Router.NONE); Database routed = open(pair, courses)) {
            Orm orm = Orm.builder().database(db).models(Course_.TYPE, Student_.TYPE, Enrollment_.TYPE).build();
            orm.createTables();
            pair.control().awaitCaughtUp(Duration.ofSeconds(30));
            pair.control().pauseReplay();
            orm.save(new Course("Math"));

            assertThat(orm.objects(Course_.TYPE).count()).as("the paused replica").isZero();
            assertThat(orm.objects(Course_.TYPE).onPrimary().count()).isEqualTo(1);
            assertThat(orm.objects(Course_.TYPE).onPrimary().filter(Course_.TITLE.eq("Math")).list())
                    .extracting(Course::title).containsExactly("Math");
            assertThat(orm.objects(Course_.TYPE).onPrimary().first()).isPresent();

            Orm viaRouter = Orm.builder().database(routed).models(Course_.TYPE, Student_.TYPE, Enrollment_.TYPE)
                    .build();
            assertThat(viaRouter.objects(Course_.TYPE).count()).as("the router sends course to the primary")
                    .isEqualTo(1);
            assertThat(viaRouter.objects(Course_.TYPE).onReplica().count()).as("onReplica wins over the router")
                    .isZero();
            assertThat(viaRouter.objects(Student_.TYPE).onPrimary().count()).isZero();

            ReadSession session = ReadSession.start();
            session.run(() -> orm.save(new Course("Art")));
            long seen = session.run(() -> orm.objects(Course_.TYPE).count());
            assertThat(seen).as("a session reads its own writes (from the primary while the replica is paused)")
                    .isEqualTo(2);
            assertThat(session.export()).isNotEmpty();
        }
    }
}
