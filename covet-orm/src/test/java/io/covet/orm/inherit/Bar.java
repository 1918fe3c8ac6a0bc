package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A second multi-table child of Place, without ordering of its own (it takes Place's). */
@Model(table = "inh_bar")
public class Bar extends Place {
    @Column(maxLength = 20)
    String license;

    public Bar() {
    }

    Bar(String name, String city, String license) {
        super(name, city);
        this.license = license;
    }
}
