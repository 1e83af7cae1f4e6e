package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark harness end to end at SF 0.01 with --check: it runs and the answers agree. */
class TpchBenchmarkSmokeTest {
  @TempDir Path results;

  private TpchBenchmark.Options options() {
    return TpchBenchmark.Options.defaults()
        .withScaleFactor(TpchFixture.SCALE_FACTOR)
        .withQueries(List.of(1, 3, 6))
        .withRuns(1)
        .withWarmups(0)
        .withCheck(true)
        .withThreads(2)
        .withDataDir(TpchFixture.DATA_ROOT)
        .withResultsDir(results)
        .withIngest(false);
  }

  @Test
  void runsChecksAndWritesResults() throws Exception {
    TpchFixture.datasets();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    BenchmarkReport report =
        TpchBenchmark.run(options(), new PrintStream(log, true, StandardCharsets.UTF_8));
    String printed = log.toString(StandardCharsets.UTF_8);
    assertEquals(3, report.queries().size(), printed);
    for (QueryMeasurement q : report.queries()) {
      assertEquals("ok", q.check(), q.query() + ": " + q.message());
      assertTrue(q.rows() > 0, q.query());
    }
    Path json = report.resultsDirectory().resolve("results.json");
    Path md = report.resultsDirectory().resolve("results.md");
    assertTrue(Files.readString(json).contains("\"query\": \"q06\""));
    assertTrue(Files.readString(md).contains("| q01 |"));
    assertTrue(printed.contains("Geometric mean"), printed);
  }

  @Test
  void connectToAnAddressWhereNoNodeListensNamesIt() throws Exception {
    TpchFixture.datasets();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                TpchBenchmark.run(
                    options().withConnect(address),
                    new PrintStream(new ByteArrayOutputStream())));
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(address), e.getMessage());
  }

  @Test
  void optionsRefuseNonsense() {
    QuarryException e =
        assertThrows(QuarryException.class, () -> options().withQueries(List.of(23)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("23"), e.getMessage());
    assertThrows(QuarryException.class, () -> options().withRuns(0));
    assertThrows(QuarryException.class, () -> options().withScaleFactor(0));
    assertEquals(List.of(1, 2, 3, 6), TpchBenchmark.Options.parseQueries("1-3,q6"));
    assertThrows(QuarryException.class, () -> TpchBenchmark.Options.parseQueries("x"));
  }
}
