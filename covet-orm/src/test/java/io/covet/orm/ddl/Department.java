package io.covet.orm.ddl;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A department headed by one of its employees: with {@link Employee#department}, a cycle of foreign keys. */
@Model(table = "department")
public class Department extends Entity {
    @PrimaryKey
    Integer id;
    @Column(maxLength = 80, unique = true)
    String name;
    @ForeignKey(onDelete = OnDelete.SET_NULL, nullable = true)
    Ref<Employee> head;

    public Department() {
    }
}
