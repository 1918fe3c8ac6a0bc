package io.covet.examples.shop;

import io.covet.orm.Column;
import io.covet.orm.FieldType;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Index;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.Ref;
import io.covet.orm.Related;
import io.covet.orm.Reverse;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order: customers with orders cannot be deleted (PROTECT); a deleted address is unset (SET_NULL). Its history
 * ({@code orders_history}, written by triggers the migration creates) keeps every version: {@code asOf}, audit.
 */
@History
@Model(table = "orders", ordering = {"-placedAt", "id"}, indexes = @Index(fields = {"status", "placedAt"}))
public class Order extends ShopModel {
    @ForeignKey(onDelete = OnDelete.PROTECT)
    Ref<Customer> customer;
    @ForeignKey(onDelete = OnDelete.SET_NULL, nullable = true)
    Ref<Address> shippingAddress;
    @Column(maxLength = 20, defaultValue = "NEW")
    OrderStatus status = OrderStatus.NEW;
    Instant placedAt;
    @Column(precision = 12, scale = 2, defaultValue = "0")
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    @Column(type = FieldType.TEXT, nullable = true)
    String note;

    @Reverse(field = "order")
    Related<OrderLine> lines;

    /** For the ORM. */
    public Order() {
    }

    /** A new order of a customer. */
    public Order(Customer customer, Instant placedAt) {
        this.customer = Ref.to(customer);
        this.placedAt = placedAt;
    }

    /** The {@code customer} of this order. */
    public Ref<Customer> customer() {
        return customer;
    }

    /** The {@code shippingAddress} of this order. */
    public Ref<Address> shippingAddress() {
        return shippingAddress;
    }

    /** Sets {@code shipTo}; returns this order for chaining. */
    public Order shipTo(Address a) {
        this.shippingAddress = a == null ? null : Ref.to(a);
        return this;
    }

    /** The {@code status} of this order. */
    public OrderStatus status() {
        return status;
    }

    /** Sets {@code status}; returns this order for chaining. */
    public Order status(OrderStatus s) {
        this.status = s;
        return this;
    }

    /** The {@code total} of this order. */
    public BigDecimal total() {
        return total;
    }

    /** Sets {@code total}; returns this order for chaining. */
    public Order total(BigDecimal t) {
        this.total = t;
        return this;
    }

    /** The {@code placedAt} of this order. */
    public Instant placedAt() {
        return placedAt;
    }

    /** The order's lines. */
    public Related<OrderLine> lines() {
        return lines;
    }
}
