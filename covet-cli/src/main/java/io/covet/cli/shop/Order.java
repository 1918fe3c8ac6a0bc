package io.covet.cli.shop;

import io.covet.orm.Column;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

import java.math.BigDecimal;
import java.time.Instant;

/** An order of a customer, who cannot be deleted while it exists (PROTECT); its history is kept ({@code @History}). */
@History
@Model(table = "orders", ordering = {"-placedAt", "id"})
public class Order extends io.covet.orm.Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.PROTECT)
    Ref<Customer> customer;
    Instant placedAt;
    @Column(precision = 12, scale = 2)
    BigDecimal total;

    /** For the ORM. */
    public Order() {
    }

    /** A new order of a customer for {@code total}. */
    public Order(Customer customer, Instant placedAt, BigDecimal total) {
        this.customer = Ref.to(customer);
        this.placedAt = placedAt;
        this.total = total;
    }

    /** The order's key (null before it is saved). */
    public Long id() {
        return id;
    }

    /** The order's total. */
    public BigDecimal total() {
        return total;
    }

    /** Sets the total; returns this order for chaining. */
    public Order total(BigDecimal t) {
        this.total = t;
        return this;
    }

    /** The customer who placed this order. */
    public Ref<Customer> customer() {
        return customer;
    }
}
