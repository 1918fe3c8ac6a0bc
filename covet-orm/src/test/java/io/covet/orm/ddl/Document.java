package io.covet.orm.ddl;

import com.fasterxml.jackson.databind.JsonNode;
import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.FieldType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

import java.util.UUID;

/** A UUID and a JSON document, for what the columns createTables() declares can hold. */
@Model(table = "document")
public class Document extends Entity {
    @PrimaryKey
    public Integer id;
    public UUID ref;
    @Column(type = FieldType.JSON)
    public JsonNode body;

    public Document() {
    }
}
