package dev.ledge.coverage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ABI module's coverage: its functions in spec order, those Ledge implements, the statuses
 * guests were seen to get from each exercised one, and the unimplemented ones guests called.
 */
public record ModuleCoverage(String module, List<String> functions, List<String> implemented,
        Map<String, Set<String>> exercised, List<String> stubCalled) {

    /** Implemented functions no test guest called. */
    public List<String> notExercised() {
        return implemented.stream().filter(f -> !exercised.containsKey(f)).toList();
    }
}
