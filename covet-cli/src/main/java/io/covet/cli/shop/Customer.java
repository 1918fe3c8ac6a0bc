package io.covet.cli.shop;

import io.covet.orm.Column;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;
import io.covet.orm.Reverse;

/** A customer of the demo shop. */
@Model(table = "customer", ordering = {"name", "id"})
public class Customer extends io.covet.orm.Entity {
    @PrimaryKey
    Long id;
    @Column(type = FieldType.EMAIL, unique = true)
    String email;
    @Column(maxLength = 100)
    String name;
    @Column(maxLength = 2, index = true)
    String country;
    @Reverse(field = "customer")
    Related<Order> orders;

    /** For the ORM. */
    public Customer() {
    }

    /** A new customer. */
    public Customer(String email, String name, String country) {
        this.email = email;
        this.name = name;
        this.country = country;
    }

    /** The customer's name. */
    public String name() {
        return name;
    }

    /** The customer's orders (prefetched or queried). */
    public Related<Order> orders() {
        return orders;
    }
}
