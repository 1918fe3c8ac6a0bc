package io.covet.migrate.history.cascade;

import io.covet.orm.Column;
import io.covet.orm.DbOnDelete;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A tracked tree whose database deletes a node's children with it: a foreign key to its own table. */
@Model(table = "node")
@History
public class Node extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete = DbOnDelete.CASCADE, nullable = true)
    Ref<Node> parent;

    public Node() {
    }

    public Node(String name, Node parent) {
        this.name = name;
        this.parent = parent == null ? null : Ref.to(parent);
    }

    public Long id() {
        return id;
    }
}
