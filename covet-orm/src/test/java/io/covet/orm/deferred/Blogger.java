package io.covet.orm.deferred;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A writer whose biography is large and declared deferred on the model. */
@Model(table = "dfr_blogger")
public class Blogger extends Entity {
    @PrimaryKey
    Long id;
    String name;
    @Column(type = FieldType.EMAIL)
    String email;
    @Column(type = FieldType.TEXT, deferred = true)
    String bio;

    public Blogger() {
    }

    Blogger(String name, String email, String bio) {
        this.name = name;
        this.email = email;
        this.bio = bio;
    }

    String bio() {
        ensureLoaded("bio");
        return bio;
    }
}
