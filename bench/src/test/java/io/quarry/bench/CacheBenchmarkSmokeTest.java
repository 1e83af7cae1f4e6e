package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache benchmark at SF 0.01, checked by the cache's counters: the repeat is answered from the
 * cache and the run after the append computes only the new shard's fragment.
 */
class CacheBenchmarkSmokeTest {
  @TempDir Path results;
  @TempDir Path work;

  @Test
  void repeatIsServedFromCacheAndAppendRunsOnlyTheNewShard() throws Exception {
    TpchFixture.data();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CacheReport report =
        CacheBenchmark.run(
            CacheBenchmark.Options.defaults()
                .withScaleFactor(TpchFixture.SCALE_FACTOR)
                .withRuns(2)
                .withAppends(2)
                .withWarmupAppends(1)
                .withDataDir(TpchFixture.DATA_ROOT)
                .withResultsDir(results)
                .withWorkDir(work),
            new PrintStream(log, true, StandardCharsets.UTF_8));

    assertEquals(1, report.cold().queriesExecuted());
    int shards = (int) report.cold().fragmentsExecuted();
    assertTrue(shards >= 1);
    assertEquals(new CacheCounters(shards, 0, 0, 0, 1, 0), report.cold());
    assertEquals(new CacheCounters(0, 0, 0, 0, 0, 2), report.repeat(), "both repeats from cache");

    // Per engine one warm-up append, then the two measured ones.
    assertEquals(6, report.appends().size());
    assertEquals(List.of("running", "fresh"), report.engines());
    assertEquals(2, report.appendsIn("running").size());
    assertEquals(2, report.appendsIn("fresh").size());
    for (int i = 0; i < report.appends().size(); i++) {
      AppendRun a = report.appends().get(i);
      assertEquals(i % 3 == 0, a.warmUp(), "the first append of each engine warms up");
      assertEquals(i < 3 ? "running" : "fresh", a.engine());
      assertEquals(shards + i, a.shardsBefore());
      assertEquals(shards + i + 1, a.shardsAfter());
      // Only the new shard's fragment runs. The first append reads the old shards' partials and
      // merges them (a merge of the old shards, when there are two or more, then of all); every
      // later one reads the previous version's merge, from memory or the store, and merges once.
      CacheCounters expected =
          i > 0
              ? new CacheCounters(1, 0, 1, 1, 1, 0)
              : new CacheCounters(1, shards, shards >= 2 ? 2 : 1, 0, 1, 0);
      assertEquals(expected, a.counters(), "append " + i);
      assertTrue(a.answersMatch(), log.toString(StandardCharsets.UTF_8));
    }

    Path written = report.resultsDirectory();
    String json = Files.readString(written.resolve("results.json"));
    assertTrue(json.contains("\"appends\""), json);
    assertTrue(json.contains("\"appendMedians\""), json);
    assertTrue(Files.readString(written.resolve("results.md")).contains("fragments executed"));
  }

  @Test
  void rejectsAnAppendFractionOutsideZeroToOne() {
    QuarryException e =
        assertThrows(
            QuarryException.class,
            () -> CacheBenchmark.Options.defaults().withAppendFraction(0));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("append fraction"), e.getMessage());
  }
}
