package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `quarry cache gc`: stored results evicted down to a size, the datasets untouched. */
class CacheGcCommandTest {
  private static final String SQL = "SELECT k, sum(v) AS total FROM sales GROUP BY k ORDER BY k";

  @TempDir Path dir;

  private Cli.Result run(String... args) {
    List<String> full = new ArrayList<>(List.of("--home", dir.resolve("home").toString()));
    full.addAll(List.of(args));
    return Cli.run(full.toArray(String[]::new));
  }

  private Cli.Result ok(String... args) {
    Cli.Result r = run(args);
    assertEquals(0, r.status(), r::toString);
    return r;
  }

  private long blocks() throws Exception {
    try (var files = Files.walk(dir.resolve("home"))) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void evictsResultsAndKeepsTheData() throws Exception {
    StringBuilder csv = new StringBuilder("k,v\n");
    for (int i = 0; i < 300; i++) {
      csv.append("k").append(i % 3).append(',').append(i).append('\n');
    }
    Path input = Files.writeString(dir.resolve("sales.csv"), csv);
    ok("import", input.toString(), "--name", "sales", "--shard-rows", "100");
    String answer = ok("sql", "-e", SQL, "--format", "csv").out();
    ok("sql", "-e", "SELECT count(*) FROM sales WHERE v > 10");
    long before = blocks();

    String dry = ok("cache", "gc", "--dry-run").out();
    assertTrue(dry.contains("would evict"), dry);
    assertEquals(before, blocks(), "a dry run deletes nothing");

    String gc = ok("cache", "gc").out();
    assertTrue(gc.startsWith("stored results: "), gc);
    assertTrue(gc.contains("evicted "), gc);
    assertTrue(gc.contains("kept 0 (0 B)"), gc);
    assertTrue(blocks() < before, "result blocks deleted");
    assertTrue(ok("cache", "gc").out().contains("nothing to evict"));

    // The data is all there: the query computes its fragments again and gives the same rows.
    assertEquals(answer, ok("sql", "-e", SQL, "--format", "csv").out());
    assertTrue(ok("cache", "gc", "--max-size", "1GB").out().contains("nothing to evict"));

    Cli.Result bad = run("cache", "gc", "--max-size", "lots");
    assertEquals(1, bad.status(), bad::toString);
    assertTrue(bad.err().contains("--max-size: 'lots' is not a size"), bad::toString);
  }
}
