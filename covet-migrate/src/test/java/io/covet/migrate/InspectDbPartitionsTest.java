package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.orm.spi.ModelMeta;
import io.covet.schema.Introspector;
import io.covet.schema.Partitioning;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * inspectdb on partitioned tables beyond what {@code @Partitioned} declares: PostgreSQL sub-partitions, keys that
 * are expressions, DEFAULT partitions and a partition with an index of its own; MariaDB {@code SUBPARTITION BY},
 * RANGE over {@code YEAR()}, {@code MAXVALUE}, LIST and LIST COLUMNS with a DEFAULT partition (which MariaDB's
 * {@code information_schema} reports as holding {@code 0} or {@code MAXVALUE}), multi-column RANGE COLUMNS. The
 * models compile, describe the database (no drift), carry {@code @Partitioned} where it declares the partitioning
 * and a note naming what it does not otherwise, and migrated into an empty database make the same partitioning.
 */
class InspectDbPartitionsTest {

    private static List<String> fixture(Engine engine) {
        return switch (engine.family()) {
            case POSTGRESQL -> List.of(
                    "CREATE TABLE sale (id bigint NOT NULL, region text NOT NULL, sold_on date NOT NULL, "
                            + "PRIMARY KEY (id, sold_on, region)) PARTITION BY RANGE (sold_on)",
                    "CREATE TABLE sale_2024 PARTITION OF sale FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') "
                            + "PARTITION BY LIST (region)",
                    "CREATE TABLE sale_2024_eu PARTITION OF sale_2024 FOR VALUES IN ('eu', 'uk')",
                    "CREATE TABLE sale_2024_other PARTITION OF sale_2024 DEFAULT",
                    "CREATE TABLE sale_rest PARTITION OF sale DEFAULT",
                    "CREATE TABLE event_log (at timestamp NOT NULL, kind text NOT NULL) "
                            + "PARTITION BY RANGE (date_trunc('month', at))",
                    "CREATE TABLE event_log_2024_01 PARTITION OF event_log "
                            + "FOR VALUES FROM ('2024-01-01 00:00:00') TO ('2024-02-01 00:00:00')",
                    "CREATE TABLE event_log_rest PARTITION OF event_log DEFAULT",
                    "CREATE TABLE account (id integer NOT NULL, name text NOT NULL) PARTITION BY LIST (lower(name))",
                    "CREATE TABLE account_a PARTITION OF account FOR VALUES IN ('alice')",
                    "CREATE TABLE account_rest PARTITION OF account DEFAULT",
                    "CREATE TABLE visit (id integer NOT NULL, country text NOT NULL, PRIMARY KEY (id, country)) "
                            + "PARTITION BY LIST (country)",
                    "CREATE TABLE visit_eu PARTITION OF visit FOR VALUES IN ('de', 'fr')",
                    "CREATE TABLE visit_rest PARTITION OF visit DEFAULT",
                    "CREATE INDEX visit_country ON visit (country)",
                    "CREATE INDEX visit_rest_id ON visit_rest (id)");
            case MARIADB -> List.of(
                    "CREATE TABLE sale (id INT NOT NULL, sold_on DATE NOT NULL, PRIMARY KEY (id, sold_on)) "
                            + "PARTITION BY RANGE (YEAR(sold_on)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2 "
                            + "(PARTITION p2023 VALUES LESS THAN (2024), PARTITION pmax VALUES LESS THAN MAXVALUE)",
                    "CREATE TABLE ledger (id INT NOT NULL, booked DATE NOT NULL, PRIMARY KEY (id, booked)) "
                            + "PARTITION BY RANGE (YEAR(booked)) (PARTITION p_old VALUES LESS THAN (2020), "
                            + "PARTITION p_max VALUES LESS THAN MAXVALUE)",
                    "CREATE TABLE ticket (id INT NOT NULL, status INT NOT NULL, PRIMARY KEY (id, status)) "
                            + "PARTITION BY LIST (status) (PARTITION open VALUES IN (0, 1), PARTITION other DEFAULT)",
                    "CREATE TABLE visit (id INT NOT NULL, country CHAR(2) NOT NULL, PRIMARY KEY (id, country)) "
                            + "PARTITION BY LIST COLUMNS (country) (PARTITION eu VALUES IN ('de', 'fr'), "
                            + "PARTITION rest DEFAULT)",
                    "CREATE TABLE metric (host VARCHAR(20) NOT NULL, day INT NOT NULL, PRIMARY KEY (day, host)) "
                            + "PARTITION BY RANGE COLUMNS (day, host) (PARTITION m0 VALUES LESS THAN (10, 'm'), "
                            + "PARTITION m1 VALUES LESS THAN (MAXVALUE, MAXVALUE))",
                    "CREATE TABLE blob_store (id BIGINT NOT NULL PRIMARY KEY) PARTITION BY LINEAR HASH (id) "
                            + "PARTITIONS 2",
                    "CREATE TABLE hashed (id BIGINT NOT NULL PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2",
                    "CREATE TABLE keyed (id BIGINT NOT NULL PRIMARY KEY) PARTITION BY KEY (id) PARTITIONS 2");
            default -> List.of("CREATE TABLE sale (id INTEGER NOT NULL, sold_on DATE NOT NULL, "
                    + "PRIMARY KEY (id, sold_on))");
        };
    }

    @AllEngines
    void partitionedTablesBecomeModelsThatDescribeThem(Scratch s) throws Exception {
        Database db = s.db();
        for (String sql : fixture(s.engine())) {
            db.sql(sql).execute();
        }
        Schema live = Introspector.read(db);
        List<ModelSource> models = InspectDb.generate(live, db.engine(), "legacy.parts", Introspector.partitions(db),
                Introspector.domains(db));
        List<ModelMeta> metas = InspectDbTest.compile(models, "legacy.parts");
        SchemaSource source = OrmSchemaSource.of(metas, m -> "parts");
        assertThat(Drift.differences(db, source, "covet_migrations")).isEmpty();
        Map<String, ModelSource> byTable = models.stream().collect(Collectors.toMap(ModelSource::table,
                Function.identity()));
        switch (s.engine().family()) {
            case POSTGRESQL -> {
                assertThat(byTable).containsOnlyKeys("sale", "event_log", "account", "visit");
                assertThat(byTable.get("sale").notes()).singleElement().satisfies(n -> assertThat(n).startsWith(
                        "table sale has sub-partitions, which @Partitioned does not declare; its partitions: "
                                + "sale_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST "
                                + "(region) (sale_2024_eu FOR VALUES IN ('eu', 'uk'), sale_2024_other DEFAULT), "
                                + "sale_rest DEFAULT. The model describes the parent")
                        .contains("migrations would create sale as a plain table"));
                assertThat(byTable.get("event_log").notes()).anySatisfy(n -> assertThat(n).startsWith(
                        "table event_log is partitioned by an expression, which @Partitioned does not declare; its "
                                + "partitions: event_log_2024_01 FOR VALUES FROM ('2024-01-01 00:00:00') TO "
                                + "('2024-02-01 00:00:00'), event_log_rest DEFAULT."));
                assertThat(byTable.get("account").notes()).anySatisfy(n -> assertThat(n)
                        .startsWith("table account is partitioned by an expression"));
                assertThat(byTable.get("visit").source()).contains("@Partitioned(method = Partitioned.Method.LIST, "
                        + "fields = \"country\",\n        partitions = {\n"
                        + "                @Partitioned.Partition(name = \"visit_eu\", bounds = \"IN ('de', 'fr')\"),\n"
                        + "                @Partitioned.Partition(name = \"visit_rest\")})");
                assertThat(byTable.get("visit").notes()).containsExactly("partitions of table visit have indexes of "
                        + "their own, which the model does not declare (a model declares the parent's indexes, which "
                        + "every partition gets): visit_rest DEFAULT [own indexes: visit_rest_id]; create them in a "
                        + "RunSQL migration");
                assertThat(byTable.get("sale").source()).doesNotContain("@Partitioned");
            }
            case MARIADB -> {
                assertThat(byTable.get("sale").notes()).singleElement().satisfies(n -> assertThat(n).startsWith(
                        "table sale has sub-partitions, which @Partitioned does not declare; its partitions: "
                                + "p2023 VALUES LESS THAN (2024) SUBPARTITION BY HASH (`id`) (p2023sp0, p2023sp1), "
                                + "pmax VALUES LESS THAN (MAXVALUE) SUBPARTITION BY HASH (`id`) (pmaxsp0, pmaxsp1)."));
                assertThat(byTable.get("ledger").notes()).singleElement().satisfies(n -> assertThat(n).startsWith(
                        "table ledger is partitioned by an expression, which @Partitioned does not declare; its "
                                + "partitions: p_old VALUES LESS THAN (2020), p_max VALUES LESS THAN (MAXVALUE)."));
                // MariaDB reports the DEFAULT partition of a LIST table as holding 0: it is read as DEFAULT
                assertThat(byTable.get("ticket").source()).contains("@Partitioned(method = Partitioned.Method.LIST, "
                        + "fields = \"status\",\n        partitions = {\n"
                        + "                @Partitioned.Partition(name = \"open\", bounds = \"IN (0,1)\"),\n"
                        + "                @Partitioned.Partition(name = \"other\")})");
                assertThat(byTable.get("visit").source()).contains(
                        "@Partitioned.Partition(name = \"eu\", bounds = \"IN ('de','fr')\"),\n"
                                + "                @Partitioned.Partition(name = \"rest\")})");
                assertThat(byTable.get("metric").source()).contains("@Partitioned(method = Partitioned.Method.RANGE, "
                        + "fields = {\"day\", \"host\"},\n        partitions = {\n"
                        + "                @Partitioned.Partition(name = \"m0\", bounds = \"LESS THAN (10,'m')\"),\n"
                        + "                @Partitioned.Partition(name = \"m1\", "
                        + "bounds = \"LESS THAN (MAXVALUE,MAXVALUE)\")})");
                for (String hashing : List.of("blob_store", "hashed")) {
                    assertThat(byTable.get(hashing).notes()).singleElement().satisfies(n -> assertThat(n).startsWith(
                            "table " + hashing + " is partitioned by a hashing @Partitioned does not declare (HASH "
                                    + "over an expression, LINEAR, or KEY without columns: its HASH is created as KEY "
                                    + "over columns, which spreads the rows by another function); its partitions: "
                                    + "p0, p1."));
                    assertThat(byTable.get(hashing).source()).doesNotContain("@Partitioned");
                }
                assertThat(byTable.get("keyed").source()).contains("@Partitioned(method = Partitioned.Method.HASH, "
                        + "fields = \"id\",");
                assertThat(models).filteredOn(m -> List.of("ticket", "visit", "metric", "keyed").contains(m.table()))
                        .allSatisfy(m -> assertThat(m.notes()).isEmpty());
            }
            default -> {
                assertThat(Introspector.partitions(db)).isEmpty();
                assertThat(models).singleElement().satisfies(m -> {
                    assertThat(m.notes()).isEmpty();
                    assertThat(m.source()).doesNotContain("@Partitioned");
                });
            }
        }

        // migrated into an empty database of the same engine, the models make the tables and the partitioning they
        // declare (the catalog reads it back the same); tables whose partitioning they do not declare come plain
        try (Scratch empty = Scratch.on(s.engine())) {
            Database target = empty.db();
            List<Migration> made = Autodetector.migrations(new MigrationGraph(List.of(), Set.of()), source,
                    Questioner.nonInteractive(false));
            made = made.stream().map(m -> MigrationFiles.parse(MigrationFiles.toJson(m), m.name())).toList();
            Migrator.builder(target, made).build().migrate(Target.latest());
            Schema madeSchema = Introspector.read(target, n -> !n.equals("covet_migrations"));
            assertThat(SchemaComparison.differences(live, madeSchema, s.engine())).isEmpty();
            Map<String, Partitioning> declared = Introspector.partitioning(db);
            assertThat(Introspector.partitioning(target)).isEqualTo(declared);
            assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(switch (s.engine().family()) {
                case POSTGRESQL -> List.of("visit");
                case MARIADB -> List.of("ticket", "visit", "metric", "keyed");
                default -> List.of();
            });
            assertThat(Drift.differences(target, source, "covet_migrations")).isEmpty();
        }
    }
}
