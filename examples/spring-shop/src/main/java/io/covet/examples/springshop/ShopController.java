package io.covet.examples.springshop;

import io.covet.examples.shop.Order;
import io.covet.examples.shop.Product;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The shop's REST API: list and add products, place orders. */
@RestController
public class ShopController {
    private final ShopService shop;

    /** A controller over the shop service. */
    public ShopController(ShopService shop) {
        this.shop = shop;
    }

    /** A product as the API shows it. */
    public record ProductView(String sku, String name, BigDecimal price, int stock) {
        static ProductView of(Product p) {
            return new ProductView(p.sku(), p.name(), p.price(), p.stock());
        }
    }

    /** An order request. */
    public record OrderRequest(String email, String sku, int quantity) {
    }

    /** A placed order. */
    public record OrderView(long id, BigDecimal total) {
        static OrderView of(Order o) {
            return new OrderView(o.id(), o.total());
        }
    }

    /** Every product. */
    @GetMapping("/products")
    public List<ProductView> products() {
        return shop.products().stream().map(ProductView::of).toList();
    }

    /** Adds a product: 201, or 409 when the SKU exists. */
    @PostMapping("/products")
    public ResponseEntity<ProductView> add(@RequestBody ProductView p) {
        Product saved = shop.addProduct(p.sku(), p.name(), p.price(), p.stock());
        return ResponseEntity.status(HttpStatus.CREATED).body(ProductView.of(saved));
    }

    /** Places an order: 201, 404 for an unknown product, 409 when the stock is short. */
    @PostMapping("/orders")
    public ResponseEntity<OrderView> order(@RequestBody OrderRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED).body(OrderView.of(shop.placeOrder(r.email(), r.sku(), r.quantity())));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Map<String, String>> duplicate(DuplicateKeyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "duplicate", "type", e.getClass().getSimpleName()));
    }

    @ExceptionHandler(ShopService.OutOfStock.class)
    ResponseEntity<Map<String, String>> outOfStock(ShopService.OutOfStock e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({io.covet.orm.DoesNotExist.class, EmptyResultDataAccessException.class})
    ResponseEntity<Map<String, String>> missing(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no such product"));
    }
}
