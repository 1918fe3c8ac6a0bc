package io.covet.cli.shop;

import io.covet.orm.Check;
import io.covet.orm.Column;
import io.covet.orm.FieldType;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;

import java.math.BigDecimal;

/** A product of the demo shop. */
@Model(table = "product", ordering = "sku", checks = @Check(name = "product_price_positive", expression = "price >= 0"))
public class Product extends io.covet.orm.Entity {
    @PrimaryKey
    Long id;
    @Column(type = FieldType.SLUG, unique = true)
    String sku;
    @Column(maxLength = 200)
    String name;
    @Column(precision = 10, scale = 2)
    BigDecimal price;
    @ManyToMany
    Related<Tag> tags;

    /** For the ORM. */
    public Product() {
    }

    /** A new product. */
    public Product(String sku, String name, BigDecimal price) {
        this.sku = sku;
        this.name = name;
        this.price = price;
    }

    /** The product's name. */
    public String name() {
        return name;
    }

    /** The product's tags. */
    public Related<Tag> tags() {
        return tags;
    }
}
