package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the query texts and the generated data without Quarry: DuckDB over the generated Parquet
 * returns, for each query, as many rows as the reference answers shipped with the TPC-H generator
 * (SF 0.01).
 */
class TpchQueriesOnDuckDbTest {
  private static DuckDbEngine duckdb;

  @BeforeAll
  static void start() throws Exception {
    duckdb = new DuckDbEngine(TpchFixture.data().files(), 2);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (duckdb != null) {
      duckdb.close();
    }
  }

  static java.util.List<Integer> queries() {
    return TpchQueries.all();
  }

  @ParameterizedTest(name = "q{0}")
  @MethodSource("queries")
  void rowCountMatchesReference(int query) throws Exception {
    QueryAnswer answer = duckdb.run(TpchQueries.sql(query));
    assertEquals(referenceRows(query), answer.rows().size());
  }

  private static int referenceRows(int query) throws IOException {
    try (InputStream in =
        TpchQueriesOnDuckDbTest.class.getResourceAsStream(
            "/io/trino/tpch/queries/q" + query + ".result")) {
      assertNotNull(in, "reference result of q" + query);
      return (int)
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.startsWith("--") && !l.isBlank())
              .count();
    }
  }
}
