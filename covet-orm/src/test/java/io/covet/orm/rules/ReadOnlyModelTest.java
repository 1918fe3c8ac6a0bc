package io.covet.orm.rules;

import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.orm.OrmUsageException;
import io.covet.schema.Introspector;
import io.covet.schema.SchemaComparison;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read-only model of a table without a primary key: registered, queried, described for migrations, and every
 * write refused before anything is sent.
 */
class ReadOnlyModelTest {

    @AllEngines
    void aKeylessTableIsReadAndNeverWritten(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(AuditLine_.TYPE).build();
        orm.createTables();
        assertThat(SchemaComparison.differences(OrmSchema.of(orm), Introspector.read(s.db()), s.engine(), "the models"))
                .isEmpty();
        assertThat(Introspector.read(s.db()).require("audit_line").primaryKey()).isEmpty();
        s.db().sql("INSERT INTO audit_line (n, line) VALUES (2, 'second'), (1, 'first')").execute();

        assertThat(orm.objects(AuditLine_.TYPE).list()).extracting(a -> a.line).containsExactly("first", "second");
        assertThat(orm.objects(AuditLine_.TYPE).filter(AuditLine_.N.eq(2)).count()).isEqualTo(1);

        AuditLine fresh = new AuditLine();
        fresh.n = 3;
        fresh.line = "third";
        assertThatThrownBy(() -> orm.save(fresh)).isInstanceOf(OrmUsageException.class)
                .hasMessage("save is refused: AuditLine (table audit_line) is read-only (@Model(readOnly = true)); "
                        + "write its table with SQL, or give the table a primary key and drop readOnly");
        assertThatThrownBy(() -> orm.objects(AuditLine_.TYPE).delete()).isInstanceOf(OrmUsageException.class)
                .hasMessageStartingWith("delete is refused: AuditLine");
        assertThatThrownBy(() -> orm.objects(AuditLine_.TYPE).update(AuditLine_.LINE.set("x")))
                .isInstanceOf(OrmUsageException.class).hasMessageStartingWith("update is refused: AuditLine");
        assertThatThrownBy(() -> orm.objects(AuditLine_.TYPE).get(1)).isInstanceOf(OrmUsageException.class)
                .hasMessage("get(primaryKey) needs a primary key, but AuditLine (table audit_line) has none: use "
                        + "filter(...) with a condition on its fields");
        assertThat(orm.objects(AuditLine_.TYPE).list()).extracting(a -> a.line).containsExactly("first", "second");
    }
}
