package io.covet.examples.shop;

import io.covet.core.Database;
import io.covet.orm.Orm;

import java.util.function.Supplier;

/**
 * The shop's models for {@code covet makemigrations --source io.covet.examples.shop.ShopModels}: an {@link Orm}
 * of every shop model, on an in-memory database that serves only to validate the models.
 */
public final class ShopModels implements Supplier<Orm> {
    @Override
    public Orm get() {
        return Shop.orm(Database.open("sqlite::memory:"));
    }
}
