package io.covet.cli.shop;

import io.covet.core.Database;
import io.covet.orm.Orm;

import java.util.function.Supplier;

/**
 * The demo shop's models for {@code covet makemigrations --source io.covet.cli.shop.ShopModels}: an {@link Orm} of
 * every model, on an in-memory database that serves only to validate them.
 */
public final class ShopModels implements Supplier<Orm> {
    /** For {@code makemigrations}, which instantiates the class by name. */
    public ShopModels() {
    }

    @Override
    public Orm get() {
        return Shop.orm(Database.open("sqlite::memory:"));
    }
}
