package io.covet.bench;

import io.covet.orm.Model;

/** A multi-table child: poly_game. */
@Model(table = "poly_game")
public class PolyGame extends PolyItem {
    public int players;

    public PolyGame() {
    }

    PolyGame(String title, int price, int players) {
        super(title, price);
        this.players = players;
    }
}
