package io.covet.core.error;

import java.util.List;

/**
 * A configuration, URL or option was invalid. Lists every problem found at once, so one run is enough to fix
 * them all; nothing was opened or changed.
 */
public final class ConfigurationException extends CovetException {
    private final List<String> problems;

    /** @param problems one sentence per problem, each naming the setting and the fix */
    public ConfigurationException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : "invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @param problem one sentence naming the setting and the fix */
    public ConfigurationException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
