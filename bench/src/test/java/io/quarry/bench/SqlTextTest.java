package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlTextTest {
  @Test
  void findsOnlyTopLevelOrderBy() {
    assertTrue(SqlText.hasTopLevelOrderBy("select a from t order by a"));
    assertTrue(SqlText.hasTopLevelOrderBy("with x as (select 1) select * from x ORDER\n  BY 1"));
    assertFalse(SqlText.hasTopLevelOrderBy("select * from (select a from t order by a) s"));
    assertFalse(SqlText.hasTopLevelOrderBy("select row_number() over (order by a) from t"));
    assertFalse(SqlText.hasTopLevelOrderBy("select 'order by' from t -- order by a"));
    assertFalse(SqlText.hasTopLevelOrderBy("select reorder by_x from t"));
  }

  @Test
  void tpchQueriesThatOrderTheirResult() {
    Set<Integer> unordered = Set.of(6, 14, 17, 19);
    for (int q : TpchQueries.all()) {
      assertEquals(!unordered.contains(q), SqlText.hasTopLevelOrderBy(TpchQueries.sql(q)), "q" + q);
    }
  }
}
