package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report of several appends per engine: each one a row, the outcome their median. */
class CacheReportTest {
  private static AppendRun run(String engine, int before, double ms, double fullMs, boolean match) {
    return run(engine, before, ms, fullMs, match, false);
  }

  private static AppendRun run(
      String engine, int before, double ms, double fullMs, boolean match, boolean warmUp) {
    return new AppendRun(
        engine,
        100,
        before,
        before + 1,
        ms,
        new CacheCounters(1, 0, 1, 1, 1, 0),
        fullMs,
        match,
        warmUp);
  }

  private static CacheReport report(List<AppendRun> appends) {
    CacheCounters none = CacheCounters.ZERO;
    return new CacheReport(
        Map.of("query", "q01"), 1000, 1100, none, 2, none, appends, Path.of("unused"));
  }

  @Test
  void oneNoisyAppendDoesNotDecideTheFraction() {
    CacheReport report =
        report(
            List.of(
                run("running", 7, 30, 1000, true),
                run("running", 8, 300, 1000, true),
                run("running", 9, 20, 1000, true),
                run("fresh", 10, 40, 1000, true),
                run("fresh", 11, 60, 1000, true)));

    assertEquals(List.of("running", "fresh"), report.engines());
    assertEquals(0.03, report.medianFraction("running"), 1e-12);
    assertEquals(0.05, report.medianFraction("fresh"), 1e-12, "the middle two of an even count");
    assertTrue(Double.isNaN(report.medianFraction("other")));

    String table = report.table();
    assertEquals(2 * 5, table.lines().filter(l -> l.startsWith("| Q1 after +100 rows")).count());
    assertTrue(
        table.contains(
            "After the append, running engine: 3.0% of a full computation (median of 3 appends:"
                + " 3.0%, 30.0%, 2.0%); answer equal to the cache-off run's: yes."),
        table);
    assertTrue(table.contains("After the append, fresh engine: 5.0%"), table);
    assertTrue(
        report.json().contains("\"fresh\": {\"appends\": 2, \"fraction\": 0.0500000}"),
        report.json());
  }

  @Test
  void warmUpsAreShownButNotCounted() {
    CacheReport report =
        report(
            List.of(
                run("running", 7, 500, 1000, true, true),
                run("running", 8, 30, 1000, true),
                run("running", 9, 20, 1000, true),
                run("running", 10, 40, 1000, true)));

    assertEquals(3, report.appendsIn("running").size());
    assertEquals(0.03, report.medianFraction("running"), 1e-12);
    assertTrue(report.table().contains("running engine (warm-up, not counted) | 500.0"), report.table());
    assertTrue(report.json().contains("\"warmUp\": true"), report.json());
  }

  @Test
  void aWrongAnswerInAWarmUpIsReportedToo() {
    CacheReport report =
        report(List.of(run("fresh", 7, 30, 1000, false, true), run("fresh", 8, 30, 1000, true)));
    assertTrue(report.table().contains("answer equal to the cache-off run's: NO."), report.table());
  }

  @Test
  void anyAnswerThatDiffersIsReported() {
    CacheReport report =
        report(List.of(run("fresh", 7, 30, 1000, true), run("fresh", 8, 30, 1000, false)));
    assertTrue(report.table().contains("answer equal to the cache-off run's: NO."), report.table());
  }
}
