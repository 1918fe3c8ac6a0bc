package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CreateExtension} and {@link CreateDomain}: a migration makes the extension and the domain a model's native
 * types name before the table that uses them, and its reversal removes them after the table; engines without
 * them refuse the migration before anything runs; the file form round-trips; a base type that is not a type name
 * is refused.
 */
class ExtensionsAndDomainsTest {
    private static final ColumnType BIGINT = ColumnType.of(ColumnType.Kind.BIGINT);

    private static Migration initial() {
        Table member = Table.of("member", List.of(Column.autoIncrement("id", BIGINT),
                Column.of("email", ColumnType.raw("citext")), Column.of("age", ColumnType.raw("posint"))), List.of("id"));
        return new Migration(new MigrationKey("club", "0001_initial"), List.of(), List.of(
                new CreateExtension("citext", null),
                new CreateDomain("posint", "integer", false, null, List.of("VALUE > 0")),
                new CreateModel(member)));
    }

    private static long count(Database db, String sql, Object... args) {
        return db.sql(sql, args).list().get(0).getLong("n");
    }

    @AllEngines
    void theExtensionAndDomainComeBeforeTheTableAndGoAfterIt(Scratch s) {
        Database db = s.db();
        Migrator m = Migrator.builder(db, List.of(initial())).build();
        if (s.engine() != Engine.POSTGRESQL) {
            assertThatThrownBy(() -> m.migrate(Target.latest()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("operation 1 (Create extension citext) is invalid")
                    .hasMessageContaining(s.engine().displayName())
                    .hasMessageContaining("Extensions are PostgreSQL's")
                    .hasMessageContaining("nothing was changed");
            assertThat(MigratorTest.live(db).tables()).isEmpty();
            assertThat(m.status()).singleElement().matches(x -> !x.applied());
            Migration domainOnly = new Migration(new MigrationKey("club", "0001_initial"), List.of(),
                    List.of(new CreateDomain("posint", "integer", false, null, List.of("VALUE > 0"))));
            assertThatThrownBy(() -> Migrator.builder(db, List.of(domainOnly)).build().migrate(Target.latest()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("domain posint")
                    .hasMessageContaining("has no domains: give the columns the base type");
            return;
        }
        assertThat(count(db, "SELECT count(*) AS n FROM pg_extension WHERE extname = 'citext'")).isZero();
        assertThat(m.plan(Target.latest()).describe()).containsSubsequence("    Create extension citext",
                "    Create domain posint as integer", "    Create model member");
        m.migrate(Target.latest());
        db.sql("INSERT INTO member (email, age) VALUES (?, ?)", "Ann@Example.org", 30).execute();
        // citext compares without case; the domain's check refuses what it must
        assertThat(count(db, "SELECT count(*) AS n FROM member WHERE email = CAST(? AS citext)", "ann@example.org")).isEqualTo(1);
        assertThatThrownBy(() -> db.sql("INSERT INTO member (email, age) VALUES (?, ?)", "bo@example.org", -1)
                .execute()).hasMessageContaining("posint");
        assertThat(count(db, "SELECT count(*) AS n FROM member")).isEqualTo(1);
        // the database now matches the state the migration describes (the readers see the native types)
        assertThat(io.covet.schema.SchemaComparison.differences(
                new MigrationGraph(List.of(initial()), java.util.Set.of()).state(k -> true).schema(),
                MigratorTest.live(db), db.engine())).isEmpty();

        m.migrate(Target.zero("club"));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
        assertThat(count(db, "SELECT count(*) AS n FROM pg_type WHERE typname = 'posint'")).isZero();
        assertThat(count(db, "SELECT count(*) AS n FROM pg_extension WHERE extname = 'citext'")).isZero();
    }

    @Test
    void theFileFormRoundTrips() {
        Migration m = new Migration(new MigrationKey("club", "0002_more"), List.of(), List.of(
                new CreateExtension("pg_trgm", "public"),
                new CreateDomain("code", "varchar(8)", true, "'none'", List.of("VALUE <> ''", "length(VALUE) > 1"))));
        String json = MigrationFiles.toJson(m);
        assertThat(json).contains("\"op\": \"CreateExtension\"", "\"op\": \"CreateDomain\"", "\"not_null\": true");
        assertThat(MigrationFiles.parse(json, "x")).isEqualTo(m);
    }

    @Test
    void aBaseTypeThatIsNotATypeNameIsRefusedBeforeAnythingRuns() {
        Migration bad = new Migration(new MigrationKey("club", "0001_initial"), List.of(), List.of(
                new CreateDomain("posint", "integer; DROP TABLE member", false, null, List.of())));
        assertThatThrownBy(() -> bad.operations().get(0).forward(io.covet.schema.Schema.empty(),
                io.covet.schema.SchemaDdl.of(Engine.POSTGRESQL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'integer; DROP TABLE member' is not a type name: give the type as the engine spells it, "
                        + "such as integer, varchar(20), numeric(12, 2) or text[]");
    }
}
