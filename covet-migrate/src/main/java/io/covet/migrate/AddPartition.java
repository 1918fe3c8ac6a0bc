package io.covet.migrate;

import io.covet.schema.Partitioning;
import io.covet.schema.Schema;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds one partition at the end of a partitioned table's partitions ({@code @Partitioned} gained a partition):
 * PostgreSQL {@code CREATE TABLE p PARTITION OF t FOR VALUES …}, MariaDB {@code ALTER TABLE t ADD PARTITION (…)}
 * (MariaDB adds a range partition only above the last one, so not after {@code MAXVALUE}). SQLite refuses it with an
 * {@link io.covet.core.error.UnsupportedFeature}. Reversed with the rows of the partition kept: they are moved back
 * into the table (its other partitions take them, or the engine refuses and nothing is lost on PostgreSQL).
 *
 * @param table     the partitioned table
 * @param partition the new partition
 */
public record AddPartition(String table, Partitioning.Partition partition) implements Operation {
    @Override
    public Schema apply(Schema before) {
        Table t = before.table(table).orElseThrow(() -> new IllegalArgumentException("add partition "
                + partition.name() + ": no table " + table + " in the state"));
        Partitioning p = t.partitioning();
        if (p == null) {
            throw new IllegalArgumentException("add partition " + partition.name() + ": table " + table
                    + " is not partitioned");
        }
        List<Partitioning.Partition> parts = new ArrayList<>(p.partitions());
        parts.add(partition);
        return before.with(t.withPartitioning(new Partitioning(p.method(), p.columns(), parts)));
    }

    @Override
    public List<Step> forward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.addPartition(apply(before).require(table), partition));
    }

    @Override
    public List<Step> backward(Schema before, SchemaDdl ddl) {
        return Operation.sql(ddl.dropPartition(apply(before).require(table), partition));
    }

    @Override
    public String describe() {
        return "Add partition " + partition.name() + " to " + table;
    }
}
