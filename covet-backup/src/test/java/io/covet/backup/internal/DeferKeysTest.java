package io.covet.backup.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a MariaDB {@code SHOW CREATE TABLE} text is split for a fast load; that the split table reads back exactly as
 * the source is proven on the server by the fidelity tests (the restored {@code SHOW CREATE} text is compared).
 */
class DeferKeysTest {
    private static final String ORDERS = """
            CREATE TABLE `orders` (
              `id` bigint(20) NOT NULL AUTO_INCREMENT,
              `customer_id` bigint(20) NOT NULL,
              `note` text DEFAULT 'a, KEY `x` (`y`)',
              PRIMARY KEY (`id`),
              UNIQUE KEY `uq` (`note`(10)),
              KEY `orders_customer` (`customer_id`),
              FULLTEXT KEY `ft` (`note`),
              CONSTRAINT `orders_customer_fk` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE,
              CONSTRAINT `positive` CHECK (`customer_id` > 0)
            ) ENGINE=InnoDB AUTO_INCREMENT=12 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci""";

    @Test
    void secondaryUniqueAndForeignKeysWaitInTheirOrderTheRestStays() {
        MariaDbSchemaDump.Split split = MariaDbSchemaDump.deferKeys("orders", ORDERS);
        assertThat(split.create()).isEqualTo("""
                CREATE TABLE `orders` (
                  `id` bigint(20) NOT NULL AUTO_INCREMENT,
                  `customer_id` bigint(20) NOT NULL,
                  `note` text DEFAULT 'a, KEY `x` (`y`)',
                  PRIMARY KEY (`id`),
                  FULLTEXT KEY `ft` (`note`),
                  CONSTRAINT `positive` CHECK (`customer_id` > 0)
                ) ENGINE=InnoDB AUTO_INCREMENT=12 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci""");
        assertThat(split.keys()).isEqualTo("ALTER TABLE `orders` ADD UNIQUE KEY `uq` (`note`(10)), "
                + "ADD KEY `orders_customer` (`customer_id`)");
        assertThat(split.foreignKeys()).isEqualTo("ALTER TABLE `orders` ADD CONSTRAINT `orders_customer_fk` "
                + "FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE");
    }

    @Test
    void anAutoIncrementColumnOutsideThePrimaryKeyKeepsEveryKey() {
        String text = """
                CREATE TABLE `t` (
                  `code` varchar(5) NOT NULL,
                  `n` int(11) NOT NULL AUTO_INCREMENT,
                  PRIMARY KEY (`code`),
                  KEY `n` (`n`)
                ) ENGINE=InnoDB""";
        assertThat(MariaDbSchemaDump.deferKeys("t", text)).isEqualTo(new MariaDbSchemaDump.Split(text, null, null));
    }

    @Test
    void partitionedOrUnusualTextIsKeptWhole() {
        String partitioned = ORDERS + "\n PARTITION BY HASH (`id`)\nPARTITIONS 2";
        assertThat(MariaDbSchemaDump.deferKeys("orders", partitioned).keys()).isNull();
        String noKeys = "CREATE TABLE `k` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB";
        assertThat(MariaDbSchemaDump.deferKeys("k", noKeys)).isEqualTo(new MariaDbSchemaDump.Split(noKeys, null, null));
    }
}
