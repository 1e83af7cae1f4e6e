package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    StatementSplitter.Split split =
        StatementSplitter.split(
            "SELECT 'a;b' AS \"x;y\" -- c;d\nFROM t;\n/* e; */ SELECT 2;\nSELECT 3");
    assertEquals(
        List.of("SELECT 'a;b' AS \"x;y\" -- c;d\nFROM t", "/* e; */ SELECT 2"), split.statements());
    assertEquals("\nSELECT 3", split.rest());
  }

  @Test
  void doubledQuotesStayInsideTheString() {
    StatementSplitter.Split split = StatementSplitter.split("SELECT 'it''s; fine';");
    assertEquals(List.of("SELECT 'it''s; fine'"), split.statements());
    assertTrue(StatementSplitter.isBlank(split.rest()));
  }

  @Test
  void anOpenQuoteKeepsTheStatementGoing() {
    StatementSplitter.Split split = StatementSplitter.split("SELECT 'abc;\n");
    assertTrue(split.statements().isEmpty());
    assertFalse(StatementSplitter.isBlank(split.rest()));
  }

  @Test
  void emptyStatementsAndCommentsAreSkipped() {
    StatementSplitter.Split split = StatementSplitter.split(" ; -- nothing\n;");
    assertTrue(split.statements().isEmpty());
    assertTrue(StatementSplitter.isBlank(split.rest()));
  }

  @Test
  void stripsTerminators() {
    assertEquals("SELECT 1", QueryRunner.stripTerminator("  SELECT 1 ;; \n"));
  }

  @Test
  void shellParserAsksForMoreUntilTheSemicolon() {
    SqlShell.StatementParser parser = new SqlShell.StatementParser();
    assertThrows(
        EOFError.class, () -> parser.parse("SELECT *\nFROM t", 15, ParseContext.ACCEPT_LINE));
    parser.parse("SELECT *\nFROM t;", 16, ParseContext.ACCEPT_LINE);
    parser.parse("\\q", 2, ParseContext.ACCEPT_LINE);
    parser.parse("", 0, ParseContext.ACCEPT_LINE);
  }
}
