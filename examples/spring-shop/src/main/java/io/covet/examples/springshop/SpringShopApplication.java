package io.covet.examples.springshop;

import io.covet.examples.shop.Shop;
import io.covet.orm.spi.ModelType;
import io.covet.spring.boot.autoconfigure.CovetOrmCustomizer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The example shop as a Spring Boot application on the Covet starter: the database comes from
 * {@code covet.databases.default.url}, the shop's migrations (in covet-examples' {@code db/migrations}) are applied
 * on startup, and {@link ShopController} serves products and orders over the ORM.
 */
@SpringBootApplication
public class SpringShopApplication {

    /** Registers the shop's models with the auto-configured {@code Orm}. */
    @Bean
    CovetOrmCustomizer shopModels() {
        return orm -> orm.models(Shop.models().toArray(ModelType[]::new));
    }

    /** Runs the shop. */
    public static void main(String[] args) {
        SpringApplication.run(SpringShopApplication.class, args);
    }
}
