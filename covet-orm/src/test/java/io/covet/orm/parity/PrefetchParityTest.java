package io.covet.orm.parity;

import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Prefetch;
import io.covet.orm.QuerySet;
import io.covet.core.pipeline.StatementKind;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code Prefetch(path, queryset, to_attr)}: a reverse relation loaded from a filtered, ordered query set, into the
 * relation or under a name of its own, in exactly one more statement (counted at the driver through the
 * database's statement listener).
 */
class PrefetchParityTest {
    @AllEngines
    void aFilteredOrderedQuerySetFillsTheRelationOrANamedListInOneMoreStatement(Scratch s) {
        Recorder rec = new Recorder();
        Orm orm = SelectForUpdateTest.orm(s.open(c -> c.interceptor(rec)));
        QuerySet<Purchase> paidFirst = orm.objects(Purchase_.TYPE).filter(Purchase_.STATUS.eq("paid"))
                .orderBy(Purchase_.AMOUNT.desc());
        Prefetch<Buyer, Purchase> paid = Prefetch.of(Buyer_.PURCHASES, paidFirst).toAttr("paidPurchases");
        Prefetch<Buyer, Purchase> bigFirst = Prefetch.of(Buyer_.PURCHASES,
                orm.objects(Purchase_.TYPE).orderBy(Purchase_.AMOUNT.desc()));

        rec.statements.clear();
        List<Buyer> buyers = orm.objects(Buyer_.TYPE).prefetchRelated(paid, bigFirst).list();
        assertThat(buyers).extracting(b -> b.name + "=" + amounts(paid.get(b)))
                .containsExactly("a=[500]", "b=[300]", "c=[]");
        // without toAttr the relation itself holds the query set's rows, in its order
        assertThat(buyers).extracting(b -> b.name + "=" + amounts(b.purchases.all()))
                .containsExactly("a=[500, 120]", "b=[300]", "c=[]");
        assertThat(buyers.get(0).purchases.prefetched()).isTrue();
        assertThat(rec.of(StatementKind.QUERY)).as("the buyers, then one statement per Prefetch").hasSize(3);
        assertThat(rec.statements).hasSize(3);

        // toAttr leaves the relation alone: read lazily, in the model's default order
        Buyer a = orm.objects(Buyer_.TYPE).prefetchRelated(paid).get(Buyer_.NAME.eq("a"));
        assertThat(amounts(paid.get(a))).isEqualTo("[500]");
        assertThat(a.purchases.prefetched()).isFalse();
        assertThat(amounts(a.purchases.all())).isEqualTo("[500, 120]");
        assertThat(orm.objects(Buyer_.TYPE).prefetchRelated(paid).first().map(b -> amounts(paid.get(b))))
                .contains("[500]");
    }

    @AllEngines
    void misuseIsRefusedWithWhatToDo(Scratch s) {
        Orm orm = SelectForUpdateTest.orm(s);
        Prefetch<Buyer, Purchase> paid = Prefetch.of(Buyer_.PURCHASES,
                orm.objects(Purchase_.TYPE).filter(Purchase_.STATUS.eq("paid"))).toAttr("paid");
        Buyer plain = orm.objects(Buyer_.TYPE).first().orElseThrow();
        assertThatThrownBy(() -> paid.get(plain)).isInstanceOf(OrmUsageException.class)
                .hasMessageEndingWith("has no prefetched 'paid': read it with prefetchRelated(Prefetch.of(purchases, "
                        + "…).toAttr(\"paid\"))");
        assertThatThrownBy(() -> orm.objects(Buyer_.TYPE).prefetchRelated(paid).stream())
                .isInstanceOf(OrmUsageException.class)
                .hasMessage("stream() cannot run Prefetch lookups, which need every row first: use list(), or "
                        + "prefetchRelated(path) without a query set");
        assertThatThrownBy(() -> orm.objects(Purchase_.TYPE)
                .prefetchRelated(Prefetch.of(Purchase_.BUYER, orm.objects(Buyer_.TYPE))).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessageStartingWith("Prefetch with a query set needs a one-step reverse or many-to-many relation, "
                        + "not buyer");
    }

    private static String amounts(List<Purchase> ps) {
        return ps.stream().map(p -> p.amount).toList().toString();
    }
}
