package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 22 TPC-H queries at SF 0.01 through Quarry's embedded engine (via its JDBC driver, cache off)
 * against DuckDB over the same Parquet files: the stored shards of the imported datasets.
 */
class TpchCorrectnessTest {
  private static QuarryClient quarry;
  private static DuckDbEngine duckdb;

  @BeforeAll
  static void start() throws Exception {
    TpchDatasets datasets = TpchFixture.datasets();
    quarry = new QuarryClient(datasets.storeHome(), Runtime.getRuntime().availableProcessors());
    duckdb = new DuckDbEngine(datasets.shardFiles(), 2);
  }

  @AfterAll
  static void stop() throws SQLException {
    try {
      if (quarry != null) {
        quarry.close();
      }
    } finally {
      if (duckdb != null) {
        duckdb.close();
      }
    }
  }

  static java.util.List<Integer> queries() {
    return TpchQueries.all();
  }

  @ParameterizedTest(name = "q{0}")
  @MethodSource("queries")
  void sameAnswerAsDuckDb(int query) throws SQLException {
    String sql = TpchQueries.sql(query);
    QueryAnswer expected = duckdb.run(sql);
    QueryAnswer actual = quarry.run(sql);
    ResultComparator.Comparison c =
        ResultComparator.compare(expected, actual, SqlText.hasTopLevelOrderBy(sql));
    assertTrue(c.matches(), TpchQueries.name(query) + ": " + c.difference());
  }
}
