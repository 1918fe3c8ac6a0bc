package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** The concrete model of the proxy tests: one table, ordered by name. */
@Model(table = "inh_animal", ordering = "name")
public class Animal extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String name;
    @Column(maxLength = 10)
    String kind;
    int legs;
    @ForeignKey(onDelete = OnDelete.CASCADE, nullable = true)
    Ref<Keeper> keeper;

    public Animal() {
    }

    Animal(String name, String kind, int legs) {
        this.name = name;
        this.kind = kind;
        this.legs = legs;
    }
}
