package io.quarry.node.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedQueryTest {
  private static final DataType DATE = DataType.of(TypeKind.DATE);
  private static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);

  @Test
  void valuesBecomeLiteralsOfTheirParameterType() {
    assertEquals("'it''s'", PreparedQuery.literal("it's", VARCHAR));
    assertEquals("42", PreparedQuery.literal(42, DataType.of(TypeKind.BIGINT)));
    assertEquals("12.50", PreparedQuery.literal(new BigDecimal("12.50"), DataType.decimal(10, 2)));
    assertEquals("2.5E0", PreparedQuery.literal(2.5, DataType.of(TypeKind.DOUBLE)));
    assertEquals(
        "DATE '2024-02-29'",
        PreparedQuery.literal((int) LocalDate.of(2024, 2, 29).toEpochDay(), DATE));
    assertEquals(
        "TIMESTAMP '1970-01-02 00:00:01.5'",
        PreparedQuery.literal(86_401_500_000L, DataType.of(TypeKind.TIMESTAMP)));
    assertEquals("CAST(NULL AS DATE)", PreparedQuery.literal(null, DATE));
  }

  @Test
  void describesWithTypedNullsAndRefusesUnboundRuns() {
    PreparedQuery query =
        new PreparedQuery(
            "SELECT * FROM t WHERE d = ? AND s <> '?' AND s = ?", sql -> List.of(DATE, VARCHAR));
    assertEquals(
        "SELECT * FROM t WHERE d = CAST(NULL AS DATE) AND s <> '?' AND s = CAST(NULL AS VARCHAR)",
        query.describable());
    QuarryException e = assertThrows(QuarryException.class, query::sql);
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("Parameter 1 is not set", e.getMessage());
  }
}
