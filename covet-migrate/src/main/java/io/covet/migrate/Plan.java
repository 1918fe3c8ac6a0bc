package io.covet.migrate;

import java.util.List;

/** What {@code migrate} will do, in order: each migration applied forwards or unapplied backwards. */
public record Plan(List<Entry> entries) {
    /** One migration to apply ({@code backwards == false}) or unapply. */
    public record Entry(Migration migration, boolean backwards) {
        @Override
        public String toString() {
            return (backwards ? "Unapply " : "Apply ") + migration.key();
        }
    }

    /** Copies the entries. */
    public Plan {
        entries = List.copyOf(entries);
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The plan as lines: each migration, then each of its operations indented. */
    public List<String> describe() {
        List<String> out = new java.util.ArrayList<>();
        for (Entry e : entries) {
            out.add(e.toString());
            for (Operation o : e.migration().operations()) {
                out.add("    " + (e.backwards() ? "Undo " : "") + o.describe()
                        + (e.backwards() && !o.reversible() ? "  (IRREVERSIBLE)" : ""));
            }
        }
        return out;
    }
}
