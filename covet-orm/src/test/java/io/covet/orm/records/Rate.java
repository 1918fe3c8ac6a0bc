package io.covet.orm.records;

import io.covet.orm.Column;
import io.covet.orm.Model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A record model with a composite key: one exchange rate per currency and day. */
@Model(table = "rate", primaryKey = {"currency", "day"})
public record Rate(@Column(maxLength = 3) String currency, LocalDate day,
                   @Column(precision = 12, scale = 6) BigDecimal value) {
}
