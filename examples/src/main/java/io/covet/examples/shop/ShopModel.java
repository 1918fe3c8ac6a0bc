package io.covet.examples.shop;

import io.covet.orm.AbstractModel;
import io.covet.orm.Entity;
import io.covet.orm.PrimaryKey;

/** The abstract base of the shop's models: a big auto key, inherited as a column by every model. */
@AbstractModel
public abstract class ShopModel extends Entity {
    @PrimaryKey
    Long id;

    /** The primary key; null until saved. */
    public Long id() {
        return id;
    }
}
