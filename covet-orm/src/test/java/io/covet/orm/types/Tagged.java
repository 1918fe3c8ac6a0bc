package io.covet.orm.types;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Array fields (PostgreSQL arrays) of each element kind. */
@Model(table = "tagged")
public class Tagged extends Entity {
    @PrimaryKey
    Long id;
    List<String> tags;
    @Column(maxLength = 20, nullable = true)
    List<String> codes;
    @Column(nullable = true)
    List<Integer> scores;
    @Column(nullable = true)
    List<Long> big;
    @Column(nullable = true, precision = 8, scale = 2)
    List<BigDecimal> prices;
    @Column(nullable = true)
    List<UUID> refs;
    @Column(nullable = true)
    List<Boolean> flags;
}
