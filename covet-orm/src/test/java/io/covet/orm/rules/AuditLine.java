package io.covet.orm.rules;

import io.covet.orm.Entity;
import io.covet.orm.Model;

/** A table without a primary key, read through a read-only model. */
@Model(table = "audit_line", readOnly = true, ordering = {"n"})
public class AuditLine extends Entity {
    Integer n;
    String line;

    public AuditLine() {
    }
}
