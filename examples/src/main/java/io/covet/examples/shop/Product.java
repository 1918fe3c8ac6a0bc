package io.covet.examples.shop;

import com.fasterxml.jackson.databind.JsonNode;
import io.covet.orm.Check;
import io.covet.orm.Column;
import io.covet.orm.FieldType;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.Related;
import io.covet.orm.SoftDelete;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product for sale. Deleting one discontinues it ({@link SoftDelete}): it leaves the catalogue but stays on the
 * order lines that sold it, and its SKU is free for a new product.
 */
@Model(table = "product", ordering = "sku", checks = @Check(name = "product_price_positive", expression = "price >= 0"))
@SoftDelete
public class Product extends ShopModel {
    @Column(type = FieldType.SLUG, unique = true)
    String sku;
    @Column(maxLength = 200)
    String name;
    @Column(type = FieldType.TEXT, nullable = true)
    String description;
    @Column(precision = 10, scale = 2)
    BigDecimal price;
    @Column(defaultValue = "0")
    int stock;
    @Column(defaultValue = "true")
    boolean active = true;
    @Column(type = FieldType.JSON, nullable = true)
    JsonNode attributes;

    @Column(nullable = true)
    Instant deletedAt;

    @ManyToMany
    Related<Tag> tags;

    /** For the ORM. */
    public Product() {
    }

    /** A new product. */
    public Product(String sku, String name, BigDecimal price, int stock) {
        this.sku = sku;
        this.name = name;
        this.price = price;
        this.stock = stock;
    }

    /** The {@code sku} of this product. */
    public String sku() {
        return sku;
    }

    /** The {@code name} of this product. */
    public String name() {
        return name;
    }

    /** The {@code price} of this product. */
    public BigDecimal price() {
        return price;
    }

    /** Sets {@code price}; returns this product for chaining. */
    public Product price(BigDecimal p) {
        this.price = p;
        return this;
    }

    /** The {@code stock} of this product. */
    public int stock() {
        return stock;
    }

    /** Sets {@code stock}; returns this product for chaining. */
    public Product stock(int s) {
        this.stock = s;
        return this;
    }

    /** The {@code attributes} of this product. */
    public JsonNode attributes() {
        return attributes;
    }

    /** Sets {@code attributes}; returns this product for chaining. */
    public Product attributes(JsonNode a) {
        this.attributes = a;
        return this;
    }

    /** When the product was discontinued ({@code orm.delete}); null while on sale. */
    public Instant deletedAt() {
        return deletedAt;
    }

    /** The product's tags. */
    public Related<Tag> tags() {
        return tags;
    }
}
