package io.covet.orm.generated;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Generated;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** An order line whose total the database computes and stores. */
@Model(table = "gen_line_item")
public class LineItem extends Entity {
    @PrimaryKey
    Long id;
    String sku;
    int qty;
    @Column(name = "unit_price")
    int unitPrice;
    @Generated(expression = "qty * unit_price")
    Integer total;

    public LineItem() {
    }

    LineItem(String sku, int qty, int unitPrice) {
        this.sku = sku;
        this.qty = qty;
        this.unitPrice = unitPrice;
    }
}
