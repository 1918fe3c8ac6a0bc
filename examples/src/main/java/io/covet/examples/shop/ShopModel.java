package io.covet.examples.shop;

import io.covet.orm.AbstractModel;
import io.covet.orm.Entity;
import io.covet.orm.PrimaryKey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The abstract base of the shop's models: a big auto key and a creation time, inherited as columns. */
@AbstractModel
public abstract class ShopModel extends Entity {
    @PrimaryKey
    Long id;
    Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

    /** The primary key; null until saved. */
    public Long id() {
        return id;
    }

    /** When the row was created. */
    public Instant createdAt() {
        return createdAt;
    }
}
