package io.covet.orm.types;

import io.covet.core.DatabaseConfig;
import io.covet.core.Databases;
import io.covet.orm.Orm;
import io.covet.orm.ValidationErrors;
import io.covet.orm.ValidationException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTest {

    @AllEngines
    void choicesValidatorsAndModelCleanAreReportedTogether(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Setting_.TYPE).build();
        orm.createTables();
        Setting bad = new Setting();
        bad.key = "volume";
        bad.level = "max";
        bad.size = 13;
        bad.homepage = "ftp://example.org";
        assertThatThrownBy(() -> orm.save(bad)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.errors()).containsExactly(
                        java.util.Map.entry("level", List.of("value 'max' is not a valid choice; choose one of [low, "
                                + "high]")),
                        java.util.Map.entry("size", List.of("must be even, was 13")),
                        java.util.Map.entry("homepage", List.of("enter a valid http(s) URL"))));
        bad.level = "high";
        bad.size = 12;
        bad.homepage = "https://example.org/";
        assertThatThrownBy(() -> orm.save(bad)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.errors()).containsOnlyKeys(ValidationErrors.ALL));
        assertThat(orm.objects(Setting_.TYPE).count()).isZero();
        bad.size = 8;
        orm.save(bad);
        assertThat(bad.priority).as("a database default, read back with RETURNING").isEqualTo(42);
        assertThat(orm.objects(Setting_.TYPE).get("volume").size).isEqualTo(8);
        assertThat(orm.ddl(s.engine())).anySatisfy(ddl -> assertThat(ddl).contains("DEFAULT (6 * 7)")
                .contains("DEFAULT 0"));
        assertThat(Setting_.META.fields().get(1).help()).isEqualTo("how loud");
    }

    @AllEngines
    void namesResolveThroughADatabasesRegistry(Scratch s) throws Exception {
        try (Databases dbs = Databases.of(List.of(DatabaseConfig.builder("reports").url(s.url()).build()))) {
            Orm orm = Orm.builder().database("default", s.db()).databases(dbs).models(Setting_.TYPE).build();
            Setting x = new Setting();
            x.key = "k";
            x.level = "low";
            orm.createTables();
            orm.save(x, "reports"); // the same server database, reached through the registry's own pool
            assertThat(orm.objects(Setting_.TYPE).using("reports").count()).isEqualTo(1);
            assertThat(orm.database("reports")).isSameAs(dbs.get("reports"));
        }
    }

    @AllEngines
    void anOrmOnARegistryAloneUsesItsDefaultDatabaseForUnnamedQueries(Scratch s) throws Exception {
        try (Databases dbs = Databases.of(List.of(DatabaseConfig.builder("default").url(s.url()).build()))) {
            Orm orm = Orm.builder().databases(dbs).models(Setting_.TYPE).build();
            orm.createTables();
            Setting x = new Setting();
            x.key = "k";
            x.level = "low";
            orm.save(x);
            assertThat(orm.objects(Setting_.TYPE).count()).isEqualTo(1);
            assertThat(orm.database(null)).isSameAs(dbs.get("default"));
        }
    }
}
