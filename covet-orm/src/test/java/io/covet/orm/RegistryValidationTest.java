package io.covet.orm;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ForeignKeyMeta;
import io.covet.orm.spi.ManyToManyMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
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
                                    "Note (table note) has no primary key: annotate one field with @PrimaryKey (or, for a "
                                            + "table without one, declare the model @Model(readOnly = true))",
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

    private static ModelMeta composite(String name, List<FieldMeta> fields, List<ManyToManyMeta> m2m,
                                       List<String> key) {
        return new ModelMeta(name, name.substring(4).toLowerCase(java.util.Locale.ROOT), fields, List.of(), List.of(),
                List.of(), List.of(), m2m, List.of(), key);
    }

    private static FieldMeta keyPart(String name) {
        return FieldMeta.of(name, name, FieldType.INTEGER, "java.lang.Integer").asPrimaryKey();
    }

    @Test
    void relationsToACompositeKeyAndMixedKeysAreRefusedAtStartup() throws Exception {
        ModelMeta pair = composite("app.Pair", List.of(keyPart("x"), keyPart("y")), List.of(), List.of("x", "y"));
        ModelMeta pointer = ModelMeta.of("app.Pointer", "pointer", List.of(pk(),
                FieldMeta.of("pair", "pair_id", FieldType.INTEGER, "java.lang.Integer")
                        .withForeignKey(new ForeignKeyMeta("app.Pair", OnDelete.CASCADE, false), false)));
        ModelMeta tagged = composite("app.Tagged", List.of(pk()),
                List.of(new ManyToManyMeta("pairs", "app.Pair", null, "tagged_pairs", "tagged_id", "pair_id")),
                List.of());
        ModelMeta mixed = composite("app.Mixed", List.of(pk(), keyPart("a"),
                FieldMeta.of("b", "b", FieldType.INTEGER, "java.lang.Integer")), List.of(), List.of("a", "b", "c"));
        try (Scratch sqlite = Scratch.on(Engine.SQLITE)) {
            Database a = sqlite.db();
            assertThatThrownBy(() -> Orm.builder().database(a)
                    .models(new Fake(pair), new Fake(pointer), new Fake(tagged), new Fake(mixed)).build())
                    .isInstanceOfSatisfying(ModelValidationException.class, e -> assertThat(e.problems())
                            .containsExactly(
                                    "Pointer.pair is a foreign key to Pair, which has a composite primary key (x, y); "
                                            + "a foreign key needs a single-field key: give Pair a single "
                                            + "@PrimaryKey and declare (x, y) in uniqueTogether",
                                    "Tagged.pairs is a many-to-many relation to Pair, which has a composite primary "
                                            + "key (x, y); a many-to-many relation needs a single-field key on both "
                                            + "ends: give Pair a single @PrimaryKey and declare (x, y) in "
                                            + "uniqueTogether",
                                    "Mixed.b is in the composite primary key, so its metadata must mark it "
                                            + "primaryKey and not nullable",
                                    "Mixed: the composite primary key names 'c', which is not a field of Mixed",
                                    "Mixed has both a composite primary key (a, b, c) and the @PrimaryKey field "
                                            + "'id': keep one of them"));
            // the composite model alone is valid
            assertThat(Orm.builder().database(a).models(new Fake(pair)).build().schema()).containsExactly(pair);
        }
    }
}
