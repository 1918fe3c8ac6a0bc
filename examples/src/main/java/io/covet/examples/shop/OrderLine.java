package io.covet.examples.shop;

import io.covet.orm.Check;
import io.covet.orm.Column;
import io.covet.orm.ForeignKey;
import io.covet.orm.Generated;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.Ref;
import io.covet.orm.Unique;

import java.math.BigDecimal;

/** One product on an order; deleted with the order; a product on any line cannot be deleted (RESTRICT, by the database). */
@Model(table = "order_line", ordering = "id",
        uniqueTogether = @Unique(fields = {"order", "product"}),
        checks = @Check(name = "order_line_quantity_positive", expression = "quantity > 0"))
public class OrderLine extends ShopModel {
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Order> order;
    @ForeignKey(onDelete = OnDelete.RESTRICT)
    Ref<Product> product;
    int quantity;
    @Column(precision = 10, scale = 2)
    BigDecimal unitPrice;
    /** quantity × unit price, computed and stored by the database; never written by the ORM. */
    @Generated(expression = "quantity * unit_price")
    @Column(precision = 12, scale = 2)
    BigDecimal lineTotal;

    /** For the ORM. */
    public OrderLine() {
    }

    /** A new line. */
    public OrderLine(Order order, Product product, int quantity) {
        this.order = Ref.to(order);
        this.product = Ref.to(product);
        this.quantity = quantity;
        this.unitPrice = product.price();
    }

    /** The {@code order} of this orderline. */
    public Ref<Order> order() {
        return order;
    }

    /** The {@code product} of this orderline. */
    public Ref<Product> product() {
        return product;
    }

    /** The {@code quantity} of this orderline. */
    public int quantity() {
        return quantity;
    }

    /** The {@code unitPrice} of this orderline. */
    public BigDecimal unitPrice() {
        return unitPrice;
    }

    /** Sets {@code quantity}; returns this line for chaining. */
    public OrderLine quantity(int q) {
        this.quantity = q;
        return this;
    }

    /** The line total the database computed ({@code quantity * unit_price}); null before the line is saved. */
    public BigDecimal lineTotal() {
        return lineTotal;
    }
}
