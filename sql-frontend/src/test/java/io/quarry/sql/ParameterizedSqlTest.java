package io.quarry.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterizedSqlTest {
  @Test
  void markersInsideLiteralsIdentifiersAndCommentsAreText() {
    ParameterizedSql sql =
        ParameterizedSql.parse(
            "select '?', \"a?b\" from t -- why?\n where x = ? /* ? */ and y = ?");
    assertEquals(2, sql.parameterCount());
    assertEquals(
        "select '?', \"a?b\" from t -- why?\n where x = 1 /* ? */ and y = 'z'",
        sql.bind(List.of("1", "'z'")));
  }

  @Test
  void unsetParameterIsAnError() {
    ParameterizedSql sql = ParameterizedSql.parse("select ?");
    ParameterizedSql.UnsetParameterException e =
        assertThrows(
            ParameterizedSql.UnsetParameterException.class,
            () -> sql.bind(Arrays.asList((String) null)));
    assertEquals("Parameter 1 is not set", e.getMessage());
  }
}
