package io.quarry.planner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.exec.plan.ExchangeNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TpchPlanningTest {
  static Stream<Integer> queries() {
    return IntStream.rangeClosed(1, 22).boxed();
  }

  /** The benchmark's own query texts, so the planner is tested on exactly what is measured. */
  private static final Path QUERIES = Path.of("..", "bench", "src", "main", "resources", "tpch");

  static String query(int n) throws IOException {
    return Files.readString(QUERIES.resolve(String.format("q%02d.sql", n)))
        .lines()
        .filter(l -> !l.startsWith("--"))
        .reduce("", (a, b) -> a + b + "\n");
  }

  @ParameterizedTest(name = "q{0}")
  @MethodSource("queries")
  void plansEveryQueryIntoShardedFragments(int n) throws IOException {
    PlannedQuery plan = new QueryPlanner(TestCatalog.tpch()).plan(query(n), true);
    List<String> explain = plan.explain(true);
    System.out.println("---- q" + n + "\n" + String.join("\n", explain));
    assertTrue(ExchangeNode.within(plan.root()), "q" + n + " reads shards through an exchange");
    assertFalse(plan.scans().isEmpty());
  }
}
