package io.covet.bench;

import io.covet.orm.Model;

/** A multi-table child: poly_film. */
@Model(table = "poly_film")
public class PolyFilm extends PolyItem {
    public int minutes;

    public PolyFilm() {
    }

    PolyFilm(String title, int price, int minutes) {
        super(title, price);
        this.minutes = minutes;
    }
}
