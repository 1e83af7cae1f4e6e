package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarry.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code engine/dialect.sql} gives the same answer from Quarry as from DuckDB over
 * the same Parquet shard files. Rows are compared in order when the query ends with ORDER BY. Where
 * DuckDB spells the same question differently (it has no TIMESTAMPDIFF), a {@code -- duckdb:} line
 * under the case's name gives DuckDB's spelling.
 */
class DialectTest {
  private static final Pattern ORDERED = Pattern.compile("(?is).*\\border\\s+by\\b[^)]*$");

  @TempDir static Path dir;
  private static Store store;
  private static QueryEngine engine;
  private static Connection duckdb;

  @BeforeAll
  static void setUp() throws Exception {
    store = TestStore.create(dir);
    engine = new QueryEngine(store);
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duckdb.createStatement()) {
      for (String table : List.of("emp", "dept", "sales")) {
        String files =
            TestStore.shardFiles(store, table).stream()
                .map(p -> "'" + p + "'")
                .collect(Collectors.joining(", "));
        s.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet([" + files + "])");
      }
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (duckdb != null) {
      duckdb.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (store != null) {
      store.close();
    }
  }

  static List<Arguments> cases() throws IOException {
    String text;
    try (InputStream in = DialectTest.class.getResourceAsStream("/engine/dialect.sql")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Arguments> cases = new ArrayList<>();
    String name = null;
    String oracle = null;
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("-- name: ")) {
        name = line.substring("-- name: ".length()).trim();
        oracle = null;
        sql.setLength(0);
      } else if (line.startsWith("-- duckdb: ")) {
        oracle = withoutSemicolon(line.substring("-- duckdb: ".length()));
      } else {
        sql.append(line).append('\n');
        if (line.trim().endsWith(";")) {
          String q = withoutSemicolon(sql.toString());
          cases.add(Arguments.of(name, q, oracle == null ? q : oracle));
        }
      }
    }
    return cases;
  }

  private static String withoutSemicolon(String sql) {
    String q = sql.trim();
    return q.endsWith(";") ? q.substring(0, q.length() - 1) : q;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesDuckDb(String name, String sql, String oracle) throws SQLException {
    List<List<Object>> expected;
    try (Statement s = duckdb.createStatement();
        ResultSet rs = s.executeQuery(oracle)) {
      expected = Rows.read(rs);
    }
    List<List<Object>> actual;
    try (QueryResult result = engine.execute(sql, QueryOptions.DEFAULTS.withBatchSize(3))) {
      actual = Rows.read(result);
    }
    assertNull(Rows.difference(expected, actual, ORDERED.matcher(sql).matches()), name + ": " + sql);
  }
}
