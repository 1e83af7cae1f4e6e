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
                .withDataDir(TpchFixture.DATA_ROOT)
                .withResultsDir(results)
                .withWorkDir(work),
            new PrintStream(log, true, StandardCharsets.UTF_8));

    assertEquals(1, report.cold().queriesExecuted());
    int shards = (int) report.cold().fragmentsExecuted();
    assertTrue(shards >= 1);
    assertEquals(new CacheCounters(shards, 0, 1, 0), report.cold());
    assertEquals(new CacheCounters(0, 0, 0, 2), report.repeat(), "both repeats from cache");

    assertEquals(4, report.appends().size());
    assertEquals(List.of("running", "fresh"), report.engines());
    List<AppendRun> running = report.appendsIn("running");
    for (int i = 0; i < running.size(); i++) {
      AppendRun a = running.get(i);
      assertEquals(shards + i, a.shardsBefore());
      assertEquals(shards + i + 1, a.shardsAfter());
      assertEquals(new CacheCounters(1, shards + i, 1, 0), a.counters(), "only the new shard ran");
      assertTrue(a.answersMatch(), log.toString(StandardCharsets.UTF_8));
    }
    List<AppendRun> fresh = report.appendsIn("fresh");
    for (int i = 0; i < fresh.size(); i++) {
      AppendRun a = fresh.get(i);
      int before = shards + running.size() + i;
      assertEquals(before + 1, a.shardsAfter());
      assertEquals(
          new CacheCounters(1, before, 1, 0), a.counters(), "old shards from the store");
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
