package io.covet.orm;

import io.covet.core.Database;
import io.covet.core.dialect.Engine;
import io.covet.sql.Table;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Startup validation reports every problem of the registry at once, one sentence each. */
class RegistryValidationTest {

    /** A model type from hand-written metadata: only the metadata matters to validation. */
    static final class Fake extends ModelType<Entity> {
        Fake(ModelMeta meta) {
            super(Entity.class, meta);
        }

        @Override
        public Table table() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<io.covet.sql.Column<?>> columns(Table table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Entity newInstance() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Entity read(ResultSet rs, int from, Engine engine, Object[] snapshot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(Entity instance, int field) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void set(Entity instance, int field, Object value) {
            throw new UnsupportedOperationException();
        }
    }

    private static FieldMeta pk() {
        return FieldMeta.of("id", "id", FieldType.BIG_AUTO, "java.lang.Long").asPrimaryKey();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsFix() throws Exception {
        ModelMeta noKey = ModelMeta.of("app.Note", "note", List.of(
                FieldMeta.of("text", "text", FieldType.TEXT, "java.lang.String")));
        ModelMeta duplicate = ModelMeta.of("app.Person", "person", List.of(pk(),
                FieldMeta.of("name", "name", FieldType.STRING, "java.lang.String"),
                FieldMeta.of("fullName", "name", FieldType.STRING, "java.lang.String")));
        ModelMeta dangling = ModelMeta.of("app.Pet", "pet", List.of(pk(),
                FieldMeta.of("owner", "owner_id", FieldType.LONG, "java.lang.Long")
                        .withForeignKey(new ForeignKeyMeta("app.Owner", OnDelete.SET_NULL, false), false)));
        ModelMeta wide = ModelMeta.of("app.Ledger", "ledger", List.of(pk(),
                FieldMeta.of("amount", "amount", FieldType.DECIMAL, "java.math.BigDecimal").withDecimal(70, 2),
                FieldMeta.of("body", "body", FieldType.TEXT, "java.lang.String").withKeys(true, false),
                FieldMeta.of("code", "code", FieldType.STRING, "java.lang.String").withMaxLength(20000)));
        try (Scratch sqlite = Scratch.on(Engine.SQLITE); Scratch maria = Scratch.on(Engine.MARIADB)) {
            Database a = sqlite.db();
            Database b = maria.db();
            assertThatThrownBy(() -> Orm.builder().database("default", a).database("archive", b)
                    .models(new Fake(noKey), new Fake(duplicate), new Fake(dangling), new Fake(wide)).build())
                    .isInstanceOfSatisfying(ModelValidationException.class, e -> assertThat(e.problems())
                            .containsExactly(
                                    "Note (table note) has no primary key: annotate one field with @PrimaryKey",
                                    "Person: fields 'name' and 'fullName' both use column 'name': rename one with "
                                            + "@Column(name = ...)",
                                    "Pet.owner is a foreign key to app.Owner, which is not a registered model: add "
                                            + "Owner_.TYPE to the Orm's models",
                                    "Pet.owner uses on_delete SET_NULL but is not nullable: add nullable = true",
                                    "Ledger.amount: DECIMAL(70,2) is not supported by MariaDB (precision 1..65, scale "
                                            + "0..30)",
                                    "Ledger.body: a unique or indexed TEXT column is not supported by MariaDB (it "
                                            + "cannot index unbounded values): use a STRING with maxLength",
                                    "Ledger.code: VARCHAR(20000) is not supported by MariaDB with utf8mb4 (at most "
                                            + "16383 characters): use FieldType.TEXT"));
            // the engine-specific problems are MariaDB's only: on SQLite alone the model is valid
            assertThat(Orm.builder().database(a).models(new Fake(wide)).build().schema()).containsExactly(wide);
        }
    }
}
