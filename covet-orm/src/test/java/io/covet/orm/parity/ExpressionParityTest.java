package io.covet.orm.parity;

import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.QuerySet;
import io.covet.sql.Functions;
import io.covet.sql.Sql;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Django's query expressions through Covet's QuerySet on every engine: {@code Case/When} in annotations and filters,
 * {@code Subquery/OuterRef/Exists} (a query set's {@code subquery(...)} whose filters name the outer model's
 * columns) in filters and annotations, and conditional aggregates ({@code Count(…, filter=Q(…))},
 * {@code distinct=True}).
 *
 * <p>Data: buyer a (NO) with purchases 500 paid and 120 open, b (SE) with 300 paid, c (NO) with none.
 */
class ExpressionParityTest {
    private static Orm orm(Scratch s) {
        return SelectForUpdateTest.orm(s);
    }

    @AllEngines
    void caseWhenInAnAnnotationAndInAFilter(Scratch s) {
        Orm orm = orm(s);
        List<Buyer> buyers = orm.objects(Buyer_.TYPE)
                .annotate("market", Sql.when(Buyer_.COUNTRY.eq("NO"), "home").otherwise("export")).list();
        assertThat(buyers).extracting(b -> b.name + ":" + b.annotation("market"))
                .containsExactly("a:home", "b:export", "c:home");
        // paid amounts count, others as 0: only a's 500 and b's 300 pass 200
        QuerySet<Purchase> big = orm.objects(Purchase_.TYPE)
                .filter(Sql.when(Purchase_.STATUS.eq("paid"), Purchase_.AMOUNT).otherwise(Sql.val(0)).gt(200));
        assertThat(big.valuesFlat(Purchase_.AMOUNT)).containsExactly(500, 300);
        // in values too, with an alias
        List<Map<String, Object>> rows = orm.objects(Purchase_.TYPE)
                .values(Purchase_.AMOUNT, Sql.when(Purchase_.AMOUNT.ge(300), "large").otherwise("small").as("size"));
        assertThat(rows).extracting(r -> r.get("size")).containsExactly("large", "small", "large");
    }

    @AllEngines
    void existsAndSubqueryWithOuterReferencesInFilters(Scratch s) {
        Orm orm = orm(s);
        QuerySet<Purchase> purchases = orm.objects(Purchase_.TYPE);
        // Exists(Purchase.objects.filter(buyer=OuterRef("pk"), status="paid"))
        QuerySet<Buyer> payers = orm.objects(Buyer_.TYPE).filter(Sql.exists(purchases
                .filter(Purchase_.BUYER_ID.eq(Buyer_.ID).and(Purchase_.STATUS.eq("paid"))).subquery(Purchase_.ID)));
        assertThat(payers.valuesFlat(Buyer_.NAME)).containsExactly("a", "b");
        QuerySet<Buyer> none = orm.objects(Buyer_.TYPE).filter(Sql.notExists(purchases
                .filter(Purchase_.BUYER_ID.eq(Buyer_.ID)).subquery(Purchase_.ID)));
        assertThat(none.valuesFlat(Buyer_.NAME)).containsExactly("c");
        // pk__in=Subquery(...) (not correlated)
        QuerySet<Buyer> open = orm.objects(Buyer_.TYPE)
                .filter(Buyer_.ID.in(purchases.filter(Purchase_.STATUS.eq("open")).subquery(Purchase_.BUYER_ID)));
        assertThat(open.valuesFlat(Buyer_.NAME)).containsExactly("a");
        // a scalar subquery compared with a value: buyers whose largest purchase is over 400
        QuerySet<Buyer> whales = orm.objects(Buyer_.TYPE).filter(Sql.scalar(purchases
                .filter(Purchase_.BUYER_ID.eq(Buyer_.ID)).subquery(Functions.max(Purchase_.AMOUNT)),
                Integer.class).gt(400));
        assertThat(whales.valuesFlat(Buyer_.NAME)).containsExactly("a");
    }

    @AllEngines
    void subqueryAndExistsAsAnnotations(Scratch s) {
        Orm orm = orm(s);
        QuerySet<Purchase> purchases = orm.objects(Purchase_.TYPE);
        // Subquery(Purchase.objects.filter(buyer=OuterRef("pk")).order_by("-amount").values("amount")[:1])
        List<Buyer> buyers = orm.objects(Buyer_.TYPE)
                .annotate("largest", Sql.scalar(purchases.filter(Purchase_.BUYER_ID.eq(Buyer_.ID))
                        .orderBy(Purchase_.AMOUNT.desc()).limit(1).subquery(Purchase_.AMOUNT), Integer.class))
                .annotate("paid", Sql.when(Sql.exists(purchases.filter(Purchase_.BUYER_ID.eq(Buyer_.ID)
                        .and(Purchase_.STATUS.eq("paid"))).subquery(Purchase_.ID)), "yes").otherwise("no"))
                .list();
        assertThat(buyers).extracting(b -> b.name + ":" + b.annotation("largest") + ":" + b.annotation("paid"))
                .containsExactly("a:500:yes", "b:300:yes", "c:null:no");
        // a subquery cannot carry a row lock or prefetching
        assertThatThrownBy(() -> purchases.prefetchRelated(Purchase_.BUYER).subquery(Purchase_.ID))
                .isInstanceOf(OrmUsageException.class)
                .hasMessageStartingWith("subquery() of a query with prefetchRelated, selectForUpdate or asOf is "
                        + "refused");
    }

    @AllEngines
    void conditionalAndDistinctAggregates(Scratch s) {
        Orm orm = orm(s);
        // annotate(paid=Count("purchases", filter=Q(purchases__status="paid")))
        List<Buyer> buyers = orm.objects(Buyer_.TYPE)
                .annotate("paid", Buyer_.PURCHASES, p -> Functions.count(p.id).filterWhere(p.status.eq("paid")))
                .annotate("all", Buyer_.PURCHASES, p -> Functions.count(p.id))
                .list();
        assertThat(buyers).extracting(b -> b.name + ":" + b.annotation("paid") + "/" + b.annotation("all"))
                .containsExactly("a:1/2", "b:1/1", "c:0/0");
        QuerySet<Purchase> purchases = orm.objects(Purchase_.TYPE);
        // aggregate(paid=Sum("amount", filter=Q(status="paid")))
        assertThat(purchases.aggregate(Functions.sum(Purchase_.AMOUNT).filterWhere(Purchase_.STATUS.eq("paid"))))
                .isEqualTo(800);
        assertThat(purchases.aggregate(Functions.count().filterWhere(Purchase_.AMOUNT.lt(400)))).isEqualTo(2L);
        // Count("buyer", distinct=True)
        assertThat(purchases.aggregate(Functions.countDistinct(Purchase_.BUYER_ID))).isEqualTo(2L);
        // grouped values with a conditional aggregate
        List<Map<String, Object>> perStatus = purchases.groupBy(Purchase_.STATUS).orderBy(Purchase_.STATUS.asc())
                .values(Purchase_.STATUS, Functions.count().filterWhere(Purchase_.AMOUNT.gt(200)).as("big"));
        assertThat(perStatus).extracting(r -> r.get("status") + "=" + r.get("big")).containsExactly("open=0", "paid=2");
    }
}
