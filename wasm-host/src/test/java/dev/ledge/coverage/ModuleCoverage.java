package dev.ledge.coverage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ABI module's coverage: its functions in spec order, those Ledge implements, the statuses
 * the conformance suite's guests were seen to get from each function they exercised, the same
 * for guests of any test suite, and the unimplemented functions guests called.
 */
public record ModuleCoverage(String module, List<String> functions, List<String> implemented,
        Map<String, Set<String>> suite, Map<String, Set<String>> exercised, List<String> stubCalled) {

    /** Implemented functions no conformance-suite guest called. */
    public List<String> notInSuite() {
        return implemented.stream().filter(f -> !suite.containsKey(f)).toList();
    }

    /** Implemented functions no test guest of any suite called. */
    public List<String> notExercised() {
        return implemented.stream().filter(f -> !exercised.containsKey(f)).toList();
    }
}
