package io.covet.orm.generated;

import io.covet.orm.Entity;
import io.covet.orm.Generated;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A reading with a virtual generated column (computed on read): MariaDB and SQLite only. */
@Model(table = "gen_gauge")
public class Gauge extends Entity {
    @PrimaryKey
    Long id;
    int reading;
    @Generated(expression = "reading + 100", stored = false)
    Integer shifted;

    public Gauge() {
    }

    Gauge(int reading) {
        this.reading = reading;
    }
}
