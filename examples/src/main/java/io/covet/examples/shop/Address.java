package io.covet.examples.shop;

import io.covet.orm.Column;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.Ref;

/** A postal address of a customer; deleted with the customer. */
@Model(table = "address")
public class Address extends ShopModel {
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Customer> customer;
    @Column(maxLength = 200)
    String street;
    @Column(maxLength = 100)
    String city;
    @Column(maxLength = 2)
    String country;

    /** For the ORM. */
    public Address() {
    }

    /** A new address of a customer. */
    public Address(Customer customer, String street, String city, String country) {
        this.customer = Ref.to(customer);
        this.street = street;
        this.city = city;
        this.country = country;
    }

    /** The {@code customer} of this address. */
    public Ref<Customer> customer() {
        return customer;
    }

    /** The {@code city} of this address. */
    public String city() {
        return city;
    }
}
