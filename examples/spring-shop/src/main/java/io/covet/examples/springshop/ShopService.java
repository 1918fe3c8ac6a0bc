package io.covet.examples.springshop;

import io.covet.core.Database;
import io.covet.core.dialect.Feature;
import io.covet.examples.shop.Customer;
import io.covet.examples.shop.Customer_;
import io.covet.examples.shop.Order;
import io.covet.examples.shop.OrderLine;
import io.covet.examples.shop.Product;
import io.covet.examples.shop.Product_;
import io.covet.orm.Orm;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shop's use cases: Spring {@code @Transactional} methods that write through Covet's ORM, whose
 * {@code onCommit} actions (here: an outbox of events) run only after Spring's real commit.
 */
@Service
public class ShopService {
    private final Orm orm;
    private final Database db;
    private final ProductRepository products;
    private final List<String> published = new CopyOnWriteArrayList<>();

    /** A service over the auto-configured Orm and default database. */
    public ShopService(Orm orm, Database db, ProductRepository products) {
        this.orm = orm;
        this.db = db;
        this.products = products;
    }

    /** Every product, by SKU. */
    @Transactional(readOnly = true)
    public List<Product> products() {
        return orm.objects(Product_.TYPE).list();
    }

    /** Adds a product and, once committed, publishes {@code product-added:<sku>}. */
    @Transactional
    public Product addProduct(String sku, String name, BigDecimal price, int stock) {
        Product p = products.insert(new Product(sku, name, price, stock));
        db.onCommit(() -> published.add("product-added:" + sku));
        return p;
    }

    /**
     * Places an order of one product for a customer (created on first order), decrementing the stock, in one
     * transaction; publishes {@code order-placed:<id>} after the commit. Fails, undoing everything, when the
     * stock is short.
     */
    @Transactional
    public Order placeOrder(String email, String sku, int quantity) {
        Customer c = orm.objects(Customer_.TYPE).filter(Customer_.EMAIL.eq(email)).first()
                .orElseGet(() -> orm.save(new Customer(email, email.substring(0, email.indexOf('@')), "GB")));
        // row lock where the engine has them; SQLite serialises writers for the whole database instead
        var products = db.supports(Feature.ROW_LOCKS) ? orm.objects(Product_.TYPE).selectForUpdate()
                : orm.objects(Product_.TYPE);
        Product p = products.get(Product_.SKU.eq(sku));
        Order o = orm.save(new Order(c, Instant.now()).total(p.price().multiply(BigDecimal.valueOf(quantity))));
        orm.save(new OrderLine(o, p, quantity));
        if (p.stock() < quantity) {
            throw new OutOfStock(sku, p.stock(), quantity);
        }
        orm.save(p.stock(p.stock() - quantity));
        db.onCommit(() -> published.add("order-placed:" + o.id()));
        return o;
    }

    /** The events published after commits, oldest first. */
    public List<String> published() {
        return List.copyOf(published);
    }

    /** Not enough stock for an order. */
    public static final class OutOfStock extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfStock(String sku, int stock, int wanted) {
            super("product " + sku + " has " + stock + " in stock, " + wanted + " were ordered");
        }
    }
}
