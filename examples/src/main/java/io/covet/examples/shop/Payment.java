package io.covet.examples.shop;

import io.covet.orm.Column;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.OneToOne;
import io.covet.orm.Ref;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;

/** The payment of an order (one-to-one); deleted with the order. */
@Model(table = "payment")
public class Payment extends ShopModel {
    @OneToOne(onDelete = OnDelete.CASCADE)
    Ref<Order> order;
    @Column(precision = 12, scale = 2)
    BigDecimal amount;
    @Column(type = FieldType.ENUM_INT)
    PaymentMethod method;
    Instant paidAt;
    UUID reference;
    @Column(nullable = true)
    InetAddress clientIp;

    /** For the ORM. */
    public Payment() {
    }

    /** A new payment of an order. */
    public Payment(Order order, BigDecimal amount, PaymentMethod method, Instant paidAt) {
        this.order = Ref.to(order);
        this.amount = amount;
        this.method = method;
        this.paidAt = paidAt;
        this.reference = UUID.randomUUID();
    }

    /** The {@code order} of this payment. */
    public Ref<Order> order() {
        return order;
    }

    /** The {@code amount} of this payment. */
    public BigDecimal amount() {
        return amount;
    }

    /** The {@code method} of this payment. */
    public PaymentMethod method() {
        return method;
    }

    /** The {@code reference} of this payment. */
    public UUID reference() {
        return reference;
    }

    /** Sets {@code clientIp}; returns this payment for chaining. */
    public Payment clientIp(InetAddress ip) {
        this.clientIp = ip;
        return this;
    }

    /** The {@code clientIp} of this payment. */
    public InetAddress clientIp() {
        return clientIp;
    }
}
