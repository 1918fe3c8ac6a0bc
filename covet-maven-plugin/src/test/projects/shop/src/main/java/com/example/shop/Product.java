package com.example.shop;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A product of the sample shop. */
@Model(table = "product")
public class Product extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 100)
    String name;
    /*EXTRA*/

    /** For the ORM. */
    public Product() {
    }
}
