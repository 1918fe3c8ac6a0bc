package io.covet.examples.springshop;

import io.covet.examples.shop.Product;
import io.covet.orm.Orm;
import org.springframework.stereotype.Repository;

/**
 * Product writes as a Spring {@code @Repository}: Covet's exceptions thrown here reach callers as Spring's
 * {@code DataAccessException}s (a duplicate SKU as {@code DuplicateKeyException}), translated by the starter's
 * {@code CovetExceptionTranslator}.
 */
@Repository
public class ProductRepository {
    private final Orm orm;

    /** A repository over the auto-configured Orm. */
    public ProductRepository(Orm orm) {
        this.orm = orm;
    }

    /** Inserts a new product. */
    public Product insert(Product p) {
        return orm.save(p);
    }
}
