package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
  @TempDir static Path dir;
  private static String home;

  @BeforeAll
  static void importCities() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("cities.csv"),
            "id,city,amount,sold_on\n"
                + "1,Berlin,12.50,2024-03-01\n"
                + "2,\"Portland, OR\",7.25,2024-03-02\n"
                + "3,\"The \"\"Big\"\" Apple\",,2024-03-03\n");
    home = dir.resolve("home").toString();
    Cli.Result imported = Cli.run("--home", home, "import", csv.toString(), "--name", "cities");
    assertEquals(0, imported.status(), imported::toString);
  }

  @Test
  void csvHasAHeaderThenRowsQuotedAsRfc4180Says() {
    Cli.Result result =
        Cli.run(
            "--home",
            home,
            "sql",
            "--format",
            "csv",
            "-e",
            "SELECT id, city, amount, sold_on FROM cities ORDER BY id;");
    assertEquals(0, result.status(), result::toString);
    assertEquals(
        "id,city,amount,sold_on\n"
            + "1,Berlin,12.50,2024-03-01\n"
            + "2,\"Portland, OR\",7.25,2024-03-02\n"
            + "3,\"The \"\"Big\"\" Apple\",,2024-03-03\n",
        result.out());
    assertEquals("", result.err());
  }

  @Test
  void csvTellsEmptyStringsFromNullsAndQuotesLineBreaks() {
    Cli.Result result =
        Cli.run(
            "--home",
            home,
            "sql",
            "--format",
            "csv",
            "-e",
            "SELECT '' AS e, CAST(NULL AS VARCHAR) AS n, 'two\nlines' AS multi, TRUE AS b");
    assertEquals(0, result.status(), result::toString);
    assertEquals("e,n,multi,b\n\"\",,\"two\nlines\",true\n", result.out());
  }

  @Test
  void jsonIsOneObjectPerLine() {
    Cli.Result result =
        Cli.run(
            "--home",
            home,
            "sql",
            "--format=json",
            "-e",
            "SELECT id, city, amount FROM cities WHERE id >= 2 ORDER BY id");
    assertEquals(0, result.status(), result::toString);
    assertEquals(
        "{\"id\":2,\"city\":\"Portland, OR\",\"amount\":7.25}\n"
            + "{\"id\":3,\"city\":\"The \\\"Big\\\" Apple\",\"amount\":null}\n",
        result.out());
  }

  @Test
  void tableIsAlignedWithRowCountAndTime() {
    Cli.Result result =
        Cli.run("--home", home, "sql", "-e", "SELECT city, amount FROM cities ORDER BY id");
    assertEquals(0, result.status(), result::toString);
    String[] lines = result.out().split("\n");
    // The widest city is 15 characters; numbers align right.
    assertEquals(" city            | amount", lines[0]);
    assertEquals("-----------------+--------", lines[1]);
    assertEquals(" Berlin          |  12.50", lines[2]);
    assertEquals(" The \"Big\" Apple |   NULL", lines[4]);
    assertTrue(lines[5].matches("\\(3 rows, [0-9.]+ m?s\\)"), result::toString);
  }

  @Test
  void badSqlIsAUserErrorOnOneLine() {
    Cli.Result result = Cli.run("--home", home, "sql", "-e", "SELECT nope FROM cities");
    assertEquals(1, result.status(), result::toString);
    assertTrue(result.err().startsWith("error: "), result::toString);
    assertTrue(result.err().contains("nope"), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
  }

  @Test
  void scriptOnStdinRunsEachStatementAndStopsAtTheFirstError() {
    Cli.Result result =
        Cli.runWithStdin(
            "SELECT count(*) AS n\nFROM cities;\nSELECT missing FROM cities;\nSELECT 1 AS never;\n"
                .getBytes(StandardCharsets.UTF_8),
            "--home",
            home,
            "sql",
            "--format",
            "csv");
    assertEquals(1, result.status(), result::toString);
    assertEquals("n\n3\n", result.out());
    assertTrue(result.err().contains("missing"), result::toString);
  }

  @Test
  void shellReadsMultiLineStatementsAndKeepsHistory() throws Exception {
    String input = "SELECT city\n  FROM cities\n  WHERE id = 1;\nSELECT nope FROM cities;\n\\q\n";
    ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path shellHome = Path.of(home);
    CliContext context =
        new CliContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]),
            Map.of(),
            true,
            true);
    int status;
    try (Terminal terminal =
            new DumbTerminal(
                "test",
                "dumb",
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                terminalOut,
                StandardCharsets.UTF_8);
        Store store = Store.open(shellHome);
        QueryEngine engine = new QueryEngine(store)) {
      status =
          new SqlShell(
                  terminal, engine, QueryOptions.DEFAULTS, shellHome.resolve("history"), context)
              .run();
    }
    assertEquals(0, status);
    String shown = out.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains(" Berlin"), shown + "\n--- terminal\n" + terminalOut);
    assertTrue(shown.contains("(1 row, "), shown);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("nope"), err::toString);
    String history = Files.readString(shellHome.resolve("history"), StandardCharsets.UTF_8);
    assertTrue(history.contains("WHERE id = 1;"), history);
  }
}
