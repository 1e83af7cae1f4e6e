package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.error.QuarryException;
import org.junit.jupiter.api.Test;

class TableBindingTest {
  private static final Cid ROOT = Cid.parse("bafybeigi7i6juinnqao7g6nhdggnhfheqhvkec5gj7imo3elmt7qxieqtm");
  private static final String Q = "\"" + ROOT + "\"";

  @Test
  void replacesEveryReferenceToTheOneTable() {
    assertEquals(
        "SELECT k, sum(v) FROM " + Q + " AS s WHERE v > (SELECT avg(v) FROM " + Q + ") GROUP BY k",
        TableBinding.bind("SELECT k, sum(v) FROM sales AS s WHERE v > (SELECT avg(v) FROM sales) GROUP BY k", ROOT));
    assertEquals(
        "WITH t AS (SELECT * FROM " + Q + ")\nSELECT * FROM t JOIN " + Q + " x ON t.k = x.k",
        TableBinding.bind("WITH t AS (SELECT * FROM \"Sales\")\nSELECT * FROM t JOIN \"Sales\" x ON t.k = x.k", ROOT));
  }

  @Test
  void refusesQueriesOverSeveralTablesOrNone() {
    QuarryException two =
        assertThrows(QuarryException.class, () -> TableBinding.bind("SELECT * FROM a JOIN b ON a.k = b.k", ROOT));
    assertTrue(two.getMessage().contains("a, b"), two.getMessage());
    assertThrows(QuarryException.class, () -> TableBinding.bind("VALUES (1)", ROOT));
  }
}
