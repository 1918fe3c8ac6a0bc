package io.covet.orm.partition;

import io.covet.orm.ProcessorRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor carries {@code @Partitioned} into the generated metadata (key fields as their columns, each
 * partition with its bounds, an empty bound for DEFAULT) and refuses a key naming no persistent field.
 */
class PartitionedProcessorTest {

    /** Runs the processor over {@code source} (class {@code app.Reading}); returns the errors and the output dir. */
    private static List<String> errors(String source, Path out) {
        return ProcessorRun.errors("Reading", source, out);
    }

    @Test
    void thePartitioningReachesTheMetadata() throws Exception {
        Path out = Files.createTempDirectory("covet-partitioned");
        assertThat(errors("""
                package app;
                import io.covet.orm.*;
                @Partitioned(method = Partitioned.Method.RANGE, fields = "takenOn", partitions = {
                        @Partitioned.Partition(name = "r_2024", bounds = "FROM ('2024-01-01') TO ('2025-01-01')"),
                        @Partitioned.Partition(name = "r_rest")})
                @Model
                public class Reading extends Entity {
                    @PrimaryKey Long id;
                    @Column(name = "taken_on") java.time.LocalDate takenOn;
                }
                """, out)).isEmpty();
        assertThat(Files.readString(out.resolve("app/Reading_.java"))).contains(".withPartitioning(new "
                + "io.covet.orm.spi.PartitionMeta(io.covet.orm.Partitioned.Method.RANGE, java.util.List.of("
                + "\"taken_on\"), java.util.List.of(new io.covet.orm.spi.PartitionMeta.Part(\"r_2024\", "
                + "\"FROM ('2024-01-01') TO ('2025-01-01')\"), new io.covet.orm.spi.PartitionMeta.Part(\"r_rest\", "
                + "\"\"))))");
    }

    @Test
    void aKeyNamingNoFieldIsRefused() throws Exception {
        assertThat(errors("""
                package app;
                import io.covet.orm.*;
                @Partitioned(method = Partitioned.Method.LIST, fields = "region",
                        partitions = @Partitioned.Partition(name = "r_all"))
                @Model
                public class Reading extends Entity {
                    @PrimaryKey Long id;
                }
                """, Files.createTempDirectory("covet-partitioned"))).containsExactly("@Partitioned(fields) of "
                + "Reading names region, which is not a persistent field of the model; name Java fields");
    }
}
