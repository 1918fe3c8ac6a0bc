package io.covet.cli.migrate;

import io.covet.core.Database;
import io.covet.examples.shop.Shop;
import io.covet.orm.Orm;

import java.util.function.Supplier;

/** The example shop's Orm, as a project would hand it to {@code makemigrations --source}. */
public final class ShopOrm implements Supplier<Orm> {
    @Override
    public Orm get() {
        return Shop.orm(Database.open("sqlite::memory:"));
    }
}
