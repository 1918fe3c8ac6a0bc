package io.covet.orm.parity;

import io.covet.orm.DoesNotExist;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.QuerySet;
import io.covet.sql.DatePart;
import io.covet.sql.Functions;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Django's field lookups and a few QuerySet methods as Covet spells them, through the QuerySet on every engine.
 *
 * <p>Data: buyer a (NO) with purchases 500 paid 2024-03-09 and 120 open 2024-11-30, b (SE) with 300 paid (no date),
 * c (NO) with none.
 */
class LookupParityTest {
    @AllEngines
    void fieldLookups(Scratch s) {
        Orm orm = SelectForUpdateTest.orm(s);
        QuerySet<Buyer> buyers = orm.objects(Buyer_.TYPE);
        QuerySet<Purchase> purchases = orm.objects(Purchase_.TYPE);
        assertThat(buyers.filter(Buyer_.NAME.eq("a")).valuesFlat(Buyer_.NAME)).containsExactly("a");       // exact
        assertThat(buyers.filter(Functions.lower(Buyer_.COUNTRY).eq("no")).count()).isEqualTo(2);           // iexact
        assertThat(buyers.filter(Buyer_.COUNTRY.contains("O")).count()).isEqualTo(2);                       // contains
        assertThat(buyers.filter(Functions.lower(Buyer_.COUNTRY).contains("e")).valuesFlat(Buyer_.NAME))
                .containsExactly("b");                                                                       // icontains
        assertThat(buyers.filter(Buyer_.COUNTRY.startsWith("S")).valuesFlat(Buyer_.NAME)).containsExactly("b");
        assertThat(buyers.filter(Buyer_.COUNTRY.endsWith("O")).valuesFlat(Buyer_.NAME)).containsExactly("a", "c");
        assertThat(buyers.filter(Functions.upper(Buyer_.NAME).startsWith("C")).valuesFlat(Buyer_.NAME))
                .containsExactly("c");                                                                       // istartswith
        assertThat(buyers.filter(Buyer_.NAME.in(List.of("a", "c", "z"))).count()).isEqualTo(2);             // in
        assertThat(purchases.filter(Purchase_.AMOUNT.gt(120)).count()).isEqualTo(2);                        // gt
        assertThat(purchases.filter(Purchase_.AMOUNT.ge(120)).count()).isEqualTo(3);                        // gte
        assertThat(purchases.filter(Purchase_.AMOUNT.lt(300)).count()).isEqualTo(1);                        // lt
        assertThat(purchases.filter(Purchase_.AMOUNT.le(300)).count()).isEqualTo(2);                        // lte
        assertThat(purchases.filter(Purchase_.AMOUNT.between(120, 300)).count()).isEqualTo(2);              // range
        assertThat(purchases.filter(Purchase_.PLACED_ON.isNull()).valuesFlat(Purchase_.AMOUNT))
                .containsExactly(300);                                                                       // isnull
        assertThat(purchases.filter(Functions.extract(DatePart.YEAR, Purchase_.PLACED_ON).eq(2024)).count())
                .isEqualTo(2);                                                                               // year
        assertThat(purchases.filter(Functions.extract(DatePart.MONTH, Purchase_.PLACED_ON).eq(11))
                .valuesFlat(Purchase_.AMOUNT)).containsExactly(120);                                         // month
        assertThat(purchases.filter(Functions.extract(DatePart.DAY, Purchase_.PLACED_ON).lt(10))
                .valuesFlat(Purchase_.AMOUNT)).containsExactly(500);                                         // day
        assertThat(purchases.filter(Purchase_.BUYER, b -> b.country.eq("SE")).valuesFlat(Purchase_.AMOUNT))
                .containsExactly(300);                                                                       // buyer__country
    }

    @AllEngines
    void latestEarliestAndContains(Scratch s) {
        Orm orm = SelectForUpdateTest.orm(s);
        QuerySet<Purchase> purchases = orm.objects(Purchase_.TYPE);
        assertThat(purchases.latest(Purchase_.AMOUNT).amount).isEqualTo(500);
        assertThat(purchases.earliest(Purchase_.AMOUNT).amount).isEqualTo(120);
        assertThat(purchases.filter(Purchase_.PLACED_ON.isNotNull()).latest(Purchase_.PLACED_ON).amount).isEqualTo(120);
        assertThatThrownBy(() -> purchases.filter(Purchase_.AMOUNT.gt(1000)).latest(Purchase_.AMOUNT))
                .isInstanceOf(DoesNotExist.class)
                .hasMessage("Purchase matching query does not exist (table par_purchase): latest() found no row");
        Buyer b = orm.objects(Buyer_.TYPE).get(Buyer_.NAME.eq("b"));
        QuerySet<Buyer> norway = orm.objects(Buyer_.TYPE).filter(Buyer_.COUNTRY.eq("NO"));
        assertThat(norway.contains(b)).isFalse();
        assertThat(orm.objects(Buyer_.TYPE).contains(b)).isTrue();
        assertThatThrownBy(() -> norway.contains(new Buyer("new", "NO"))).isInstanceOf(OrmUsageException.class)
                .hasMessageEndingWith("needs a saved instance: save it first");
    }

    @AllEngines
    void valuesListReverseNoneAndSetOperations(Scratch s) {
        Orm orm = SelectForUpdateTest.orm(s);
        QuerySet<Buyer> buyers = orm.objects(Buyer_.TYPE);
        assertThat(buyers.valuesList(Buyer_.NAME, Buyer_.COUNTRY))
                .containsExactly(List.of("a", "NO"), List.of("b", "SE"), List.of("c", "NO"));
        assertThat(buyers.orderBy(Buyer_.ID.desc()).valuesFlat(Buyer_.NAME)).containsExactly("c", "b", "a");
        assertThat(buyers.reverse().valuesFlat(Buyer_.NAME)).containsExactly("c", "b", "a");                 // reverse()
        assertThat(buyers.orderBy(Buyer_.COUNTRY.asc(), Buyer_.NAME.asc()).reverse().valuesFlat(Buyer_.NAME))
                .containsExactly("b", "c", "a");
        assertThat(buyers.none().list()).isEmpty();                                                         // none()
        assertThat(buyers.none().count()).isZero();
        // union / intersection / difference of two query sets, as a key subquery
        QuerySet<Buyer> norway = buyers.filter(Buyer_.COUNTRY.eq("NO"));
        QuerySet<Buyer> named = buyers.filter(Buyer_.NAME.in(List.of("a", "b")));
        assertThat(buyers.filter(Buyer_.ID.in(norway.subquery(Buyer_.ID).union(named.subquery(Buyer_.ID))))
                .valuesFlat(Buyer_.NAME)).containsExactly("a", "b", "c");
        assertThat(buyers.filter(Buyer_.ID.in(norway.subquery(Buyer_.ID).intersect(named.subquery(Buyer_.ID))))
                .valuesFlat(Buyer_.NAME)).containsExactly("a");
        assertThat(buyers.filter(Buyer_.ID.in(norway.subquery(Buyer_.ID).except(named.subquery(Buyer_.ID))))
                .valuesFlat(Buyer_.NAME)).containsExactly("c");
        // dates("placed_on", "year") as distinct extracted values
        assertThat(orm.objects(Purchase_.TYPE).filter(Purchase_.PLACED_ON.isNotNull()).distinct()
                .valuesFlat(Functions.extract(DatePart.YEAR, Purchase_.PLACED_ON))).containsExactly(2024);
    }
}
