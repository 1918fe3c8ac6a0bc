package io.covet.orm.generated;

import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.orm.OrmUsageException;
import io.covet.schema.Column;
import io.covet.schema.Introspector;
import io.covet.schema.SchemaComparison;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @Generated} fields: DDL per engine, never written, read back after every write, introspected as generated. */
class GeneratedColumnsTest {
    private static Orm orm(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(LineItem_.TYPE).build();
        orm.createTables();
        return orm;
    }

    @AllEngines
    void aStoredGeneratedColumnIsComputedOnInsertAndUpdateAndReadBack(Scratch s) {
        Orm orm = orm(s);
        LineItem line = new LineItem("a", 3, 250);
        line.total = 1;   // ignored: the ORM never writes a generated column
        orm.save(line);
        assertThat(line.total).isEqualTo(750);

        line.qty = 4;
        orm.save(line);
        assertThat(line.total).isEqualTo(1000);
        assertThat(orm.objects(LineItem_.TYPE).get(line.id).total).isEqualTo(1000);

        // saving again without changes writes nothing; the snapshot holds the computed value
        line.total = 5;
        orm.save(line);
        assertThat(orm.objects(LineItem_.TYPE).get(line.id).total).isEqualTo(1000);
    }

    @AllEngines
    void bulkCreateLeavesGeneratedColumnsOutAndBulkUpdateRefusesThem(Scratch s) {
        Orm orm = orm(s);
        orm.objects(LineItem_.TYPE).bulkCreate(List.of(new LineItem("x", 2, 10), new LineItem("y", 5, 7)));
        // bulkLoad is COPY on PostgreSQL: the generated column is left out of the column list there too
        orm.objects(LineItem_.TYPE).bulkLoad(List.of(new LineItem("z", 1, 9)));
        assertThat(orm.objects(LineItem_.TYPE).orderBy(LineItem_.SKU.asc()).valuesFlat(LineItem_.TOTAL))
                .containsExactly(20, 35, 9);
        LineItem x = orm.objects(LineItem_.TYPE).get(LineItem_.SKU.eq("x"));
        assertThatThrownBy(() -> orm.objects(LineItem_.TYPE).bulkUpdate(List.of(x), "total"))
                .isInstanceOf(OrmUsageException.class).hasMessageContaining("'total' is not an updatable field");
    }

    @AllEngines
    void theLiveSchemaReadsTheColumnAsGeneratedAndMatchesTheModels(Scratch s) {
        Orm orm = orm(s);
        var live = Introspector.read(s.db());
        Column total = live.require("gen_line_item").requireColumn("total");
        assertThat(total.generated()).isNotNull();
        assertThat(total.generated().stored()).isTrue();
        assertThat(total.generated().expression().replaceAll("[\"`()\\s]", "")).isEqualTo("qty*unit_price");
        assertThat(SchemaComparison.differences(OrmSchema.of(orm), live, s.engine(), "the models")).isEmpty();
    }

    @AllEngines
    void aVirtualGeneratedColumnIsRefusedOnPostgresqlAndComputedOnReadElsewhere(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Gauge_.TYPE).build();
        if (s.engine().family() == Engine.POSTGRESQL) {
            assertThatThrownBy(orm::createTables).isInstanceOf(UnsupportedFeature.class)
                    .hasMessageContaining("virtual generated column gen_gauge.shifted")
                    .hasMessageContaining("PostgreSQL 15")
                    .hasMessageContaining("stored = true");
            return;
        }
        orm.createTables();
        Gauge g = orm.save(new Gauge(5));
        assertThat(g.shifted).isEqualTo(105);
        g.reading = 7;
        orm.save(g);
        assertThat(g.shifted).isEqualTo(107);
        Column shifted = Introspector.read(s.db()).require("gen_gauge").requireColumn("shifted");
        assertThat(shifted.generated().stored()).isFalse();
        assertThat(SchemaComparison.differences(OrmSchema.of(orm), Introspector.read(s.db()), s.engine(),
                "the models")).isEmpty();
    }
}
