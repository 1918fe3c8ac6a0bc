package io.covet.examples.shop;

import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code only("…")} through a two-step relation path of the shop: order line → order → customer. */
class OnlyByNameTest {

    @AllEngines
    void aTwoStepPathNamesTheCustomerOfEachLinesOrder(Scratch s) {
        Fixture f = Fixture.plain(s).withData();
        List<OrderLine> lines = f.orm.objects(OrderLine_.TYPE)
                .selectRelated(OrderLine_.ORDER.then(Order_.CUSTOMER))
                .only("quantity", "order__total", "order__customer__country")
                .orderBy(OrderLine_.ID.asc()).list();
        assertThat(lines).extracting(OrderLine::quantity).containsExactly(2, 1, 1);
        assertThat(lines.get(0).deferredFields()).contains("unitPrice", "product").doesNotContain("quantity");
        Order o = lines.get(0).order().peek();
        assertThat(o.total()).isEqualByComparingTo("25.00");
        assertThat(o.deferredFields()).contains("placedAt", "note").doesNotContain("total", "customer");
        Customer c = o.customer().peek();
        assertThat(c.deferredFields()).contains("email", "name").doesNotContain("country");
        assertThat(lines).extracting(l -> l.order().peek().customer().peek().country).containsExactly("GB", "GB",
                "GB");
    }
}
