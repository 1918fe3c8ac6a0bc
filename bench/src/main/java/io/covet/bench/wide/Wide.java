package io.covet.bench.wide;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

import java.math.BigDecimal;
import java.time.Instant;

/** Ten columns, of which {@code orm-read-only2} reads two: the key and the code. */
@Model(table = "bench_wide")
public class Wide extends Entity {
    @PrimaryKey
    public Long id;
    @Column(maxLength = 20)
    public String code;
    @Column(maxLength = 100)
    public String title;
    @Column(type = FieldType.TEXT)
    public String description;
    public int quantity;
    @Column(precision = 12, scale = 2)
    public BigDecimal price;
    public Instant createdAt;
    public boolean active;
    @Column(maxLength = 40)
    public String category;
    @Column(type = FieldType.TEXT)
    public String notes;

    public Wide() {
    }

    public Wide(int i) {
        code = "W" + i;
        title = "Item number " + i;
        description = "A description of item " + i + " long enough to cost something to read and map. ".repeat(3);
        quantity = i % 100;
        price = BigDecimal.valueOf(i % 1000, 2);
        createdAt = Instant.ofEpochSecond(1_700_000_000L + i);
        active = i % 2 == 0;
        category = "category-" + (i % 17);
        notes = "Notes " + i;
    }
}
