package io.covet.orm.iteration;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A row with a large text body, for the constant-memory iteration test. */
@Model(table = "payload")
public class Payload extends Entity {
    @PrimaryKey
    Long id;
    @Column(type = FieldType.TEXT)
    String body;

    public Payload() {
    }
}
