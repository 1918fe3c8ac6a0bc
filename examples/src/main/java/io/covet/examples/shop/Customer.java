package io.covet.examples.shop;

import io.covet.orm.Column;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.Related;
import io.covet.orm.Reverse;
import io.covet.orm.ValidationErrors;

/** A shop customer. */
@Model(table = "customer", ordering = {"name", "id"})
public class Customer extends ShopModel {
    @Column(type = FieldType.EMAIL, unique = true)
    String email;
    @Column(maxLength = 100)
    String name;
    @Column(maxLength = 2, index = true, help = "ISO 3166-1 alpha-2 country code")
    String country;
    @Column(defaultValue = "STANDARD")
    Tier tier = Tier.STANDARD;

    @Reverse(field = "customer")
    Related<Order> orders;
    @Reverse(field = "customer")
    Related<Address> addresses;

    /** For the ORM. */
    public Customer() {
    }

    /** A new customer. */
    public Customer(String email, String name, String country) {
        this.email = email;
        this.name = name;
        this.country = country;
    }

    /** The {@code email} of this customer. */
    public String email() {
        return email;
    }

    /** The {@code name} of this customer. */
    public String name() {
        return name;
    }

    /** The {@code country} of this customer. */
    public String country() {
        return country;
    }

    /** The {@code tier} of this customer. */
    public Tier tier() {
        return tier;
    }

    /** Sets {@code tier}; returns this customer for chaining. */
    public Customer tier(Tier t) {
        this.tier = t;
        return this;
    }

    /** Sets {@code name}; returns this customer for chaining. */
    public Customer name(String n) {
        this.name = n;
        return this;
    }

    /** The customer's orders (prefetched or queried). */
    public Related<Order> orders() {
        return orders;
    }

    /** The customer's addresses. */
    public Related<Address> addresses() {
        return addresses;
    }

    @Override
    protected void clean(ValidationErrors errors) {
        if (country != null && !country.matches("[A-Z]{2}")) {
            errors.add("country", "use a two-letter upper-case country code");
        }
    }
}
