package io.covet.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.pipeline.LazyLoad;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Loads of deferred fields on access (the ORM marks them with {@link LazyLoad#deferredField}) are counted like lazy
 * relation loads, and the report points at loading the field with the rows or all rows' at once. (covet-orm's
 * {@code DeferOnlyTest} checks that its on-access loads carry the mark.)
 */
class NPlusOneDeferredTest {

    @AllEngines
    void deferredFieldLoadsPerRowAreReportedWithTheirOwnFix(Scratch s) {
        try (Observability obs = Observability.builder().nPlusOne(NPlusOneMode.STRICT).nPlusOneThreshold(3).build();
             LogCapture log = new LogCapture()) {
            Database db = obs.open(DatabaseConfig.builder("blog", s.url()).build());
            LazyLoad load = LazyLoad.deferredField("Article", "body");
            assertThat(load.deferred()).isTrue();
            assertThat(new LazyLoad("Order", "customer", false).deferred()).isFalse();
            for (int i = 0; i < 2; i++) {
                load.run(() -> db.sql("SELECT 1").list());
            }
            assertThatThrownBy(() -> load.run(() -> db.sql("SELECT 1").list()))
                    .isInstanceOf(NPlusOneDetected.class)
                    .hasMessageContaining("the deferred fields of Article were loaded on access of Article.body 3 times")
                    .hasMessageContaining("only(..., Article_.BODY)")
                    .hasMessageContaining("orm.loadDeferred(list)")
                    .hasMessageNotContaining("selectRelated");
            assertThat(log.text()).contains("WARN io.covet.observe.nplusone");
        }
    }
}
