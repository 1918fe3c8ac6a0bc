package io.covet.orm.inherit;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A vet visit points at the proxy Dog: its foreign key is to Animal's table, and it cascades from either type. */
@Model(table = "inh_visit", ordering = "id")
public class Visit extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Dog> dog;
    String note;

    public Visit() {
    }

    Visit(Dog dog, String note) {
        this.dog = Ref.to(dog);
        this.note = note;
    }
}
