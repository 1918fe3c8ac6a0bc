package io.covet.cli.shop;

import io.covet.orm.Check;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** One product on an order; deleted with the order. */
@Model(table = "order_line", ordering = "id",
        checks = @Check(name = "order_line_quantity_positive", expression = "quantity > 0"))
public class OrderLine extends io.covet.orm.Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Order> order;
    @ForeignKey(onDelete = OnDelete.RESTRICT)
    Ref<Product> product;
    int quantity;

    /** For the ORM. */
    public OrderLine() {
    }

    /** A new line of {@code quantity} x {@code product} on {@code order}. */
    public OrderLine(Order order, Product product, int quantity) {
        this.order = Ref.to(order);
        this.product = Ref.to(product);
        this.quantity = quantity;
    }

    /** The order this line is on. */
    public Ref<Order> order() {
        return order;
    }

    /** The product of this line. */
    public Ref<Product> product() {
        return product;
    }

    /** How many of the product. */
    public int quantity() {
        return quantity;
    }
}
