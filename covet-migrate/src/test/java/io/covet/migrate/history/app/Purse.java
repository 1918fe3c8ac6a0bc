package io.covet.migrate.history.app;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A model whose history the ORM writes itself ({@code capture = APPLICATION}); {@code note} is left out of it. */
@Model(table = "purse")
@History(exclude = "note", capture = History.Capture.APPLICATION)
public class Purse extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String owner;
    int balance;
    @Column(nullable = true)
    String note;

    public Purse() {
    }

    public Purse(String owner, int balance) {
        this.owner = owner;
        this.balance = balance;
    }

    /** A purse with its key given (bulk loads of rows that carry their keys). */
    public Purse(long id, String owner, int balance) {
        this(owner, balance);
        this.id = id;
    }

    public Long id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public int balance() {
        return balance;
    }

    public void balance(int b) {
        this.balance = b;
    }

    public void note(String n) {
        this.note = n;
    }
}
