package io.quarry.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import org.junit.jupiter.api.Test;

class StatementClassifierTest {
  @Test
  void showDatasets() {
    assertInstanceOf(Statement.ShowDatasets.class, StatementClassifier.classify(" show datasets;"));
    assertInstanceOf(Statement.ShowDatasets.class, StatementClassifier.classify("SHOW TABLES"));
  }

  @Test
  void describeByNameQuotedReferenceOrVersion() {
    assertEquals(new Statement.Describe("orders"), StatementClassifier.classify("DESCRIBE orders;"));
    assertEquals(new Statement.Describe("orders@2"), StatementClassifier.classify("desc \"orders@2\""));
  }

  @Test
  void explainKeepsPositionsOfTheQuery() {
    Statement s = StatementClassifier.classify("EXPLAIN VERBOSE SELECT 1");
    Statement.Explain e = assertInstanceOf(Statement.Explain.class, s);
    assertEquals(true, e.verbose());
    assertEquals("                SELECT 1", e.sql());
    Statement.Explain plain =
        assertInstanceOf(Statement.Explain.class, StatementClassifier.classify("explain\nselect 1"));
    assertEquals(false, plain.verbose());
    assertEquals("       \nselect 1", plain.sql());
  }

  @Test
  void explainAnalyzeKeepsPositionsOfTheQuery() {
    Statement s = StatementClassifier.classify("explain analyze SELECT 1;");
    Statement.ExplainAnalyze e = assertInstanceOf(Statement.ExplainAnalyze.class, s);
    assertEquals("                SELECT 1", e.sql());
  }

  @Test
  void leadingCommentsAreSkipped() {
    assertInstanceOf(
        Statement.ShowDatasets.class, StatementClassifier.classify("-- list\n/* all */ SHOW DATASETS"));
    Statement.Explain e =
        assertInstanceOf(Statement.Explain.class, StatementClassifier.classify("-- why\nEXPLAIN SELECT 1"));
    assertEquals("      \n        SELECT 1", e.sql());
  }

  @Test
  void anythingElseIsAQuery() {
    assertEquals(new Statement.Query("SELECT 1"), StatementClassifier.classify("SELECT 1;;"));
  }

  @Test
  void emptyStatementIsASyntaxError() {
    QuarryException e = assertThrows(QuarryException.class, () -> StatementClassifier.classify(" ; "));
    assertEquals(ErrorCode.SYNTAX_ERROR, e.code());
  }
}
