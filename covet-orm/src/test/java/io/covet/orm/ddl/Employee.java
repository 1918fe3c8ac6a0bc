package io.covet.orm.ddl;

import io.covet.orm.Check;
import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;
import io.covet.orm.Related;
import io.covet.orm.Unique;

import java.time.LocalDateTime;

/**
 * An employee: in a department (a cycle with {@link Department#head}), reporting to a manager (a reference to its
 * own table), with skills (an automatic join table), defaults, a check and a unique pair.
 */
@Model(table = "employee", uniqueTogether = @Unique(fields = {"department", "badge"}),
        checks = @Check(name = "employee_level_check", expression = "level > 0"))
public class Employee extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.RESTRICT, constraint = "employee_in_department")
    Ref<Department> department;
    @ForeignKey(onDelete = OnDelete.SET_NULL, nullable = true)
    Ref<Employee> manager;
    @Column(maxLength = 12)
    String badge;
    @Column(defaultValue = "1")
    Integer level;
    @Column(defaultValue = "true")
    Boolean active;
    @Column(dbDefault = "CURRENT_TIMESTAMP", nullable = true)
    LocalDateTime hiredAt;
    @ManyToMany
    Related<Skill> skills;

    public Employee() {
    }
}
