package io.quarry.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValueTextTest {
  @Test
  void parsesAndFormatsTimestamps() {
    DataType ts = DataType.of(TypeKind.TIMESTAMP);
    long micros = 1_700_000_000_123_456L;
    assertEquals("2023-11-14T22:13:20.123456", ValueText.format(ts, micros));
    assertEquals(micros, ValueText.parse(ts, "2023-11-14T22:13:20.123456"));
    assertEquals(micros, ValueText.parse(ts, "2023-11-14 22:13:20.123456"));
    assertEquals(micros, ValueText.parse(ts, "2023-11-15T00:13:20.123456+02:00"));
    assertEquals(micros - 123_456, ValueText.parse(ts, "2023-11-14T22:13:20Z"));
    assertEquals(LocalDate.of(2023, 11, 14).toEpochDay() * 86_400_000_000L, ValueText.parse(ts, "2023-11-14"));
    assertEquals(-1L, ValueText.parse(ts, ValueText.format(ts, -1L)));
    assertThrows(IllegalArgumentException.class, () -> ValueText.parse(ts, "2023-13-01T00:00:00"));
  }

  @Test
  void parsesDates() {
    DataType date = DataType.of(TypeKind.DATE);
    assertEquals((int) LocalDate.of(2024, 2, 29).toEpochDay(), ValueText.parse(date, "2024-02-29"));
    assertEquals((int) LocalDate.of(1, 1, 1).toEpochDay(), ValueText.parse(date, " 0001-01-01 "));
    assertEquals("1969-12-31", ValueText.format(date, -1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueText.parse(date, "2023-02-29"));
    assertTrue(e.getMessage().startsWith("'2023-02-29' is not a DATE"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ValueText.parse(date, "2023-1-1"));
    assertThrows(IllegalArgumentException.class, () -> ValueText.parse(date, "2023-01-0x"));
  }

  @Test
  void decimalsKeepTheirScaleOrFail() {
    DataType d = DataType.decimal(5, 2);
    assertEquals(new BigDecimal("1.50"), ValueText.parse(d, "1.5"));
    assertEquals(new BigDecimal("-999.99"), ValueText.parse(d, "-999.99"));
    assertEquals(new BigDecimal("1.20"), ValueText.parse(d, "1.200"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueText.parse(d, "1.234"));
    assertTrue(e.getMessage().contains("more than 2 digits after the decimal point"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ValueText.parse(d, "1000"));
    assertTrue(e.getMessage().contains("more than 3 digits before the decimal point"), e.getMessage());
  }

  @Test
  void parsesTypeNames() {
    assertEquals(DataType.decimal(12, 2), DataTypeNames.parse("decimal(12,2)"));
    assertEquals(DataType.decimal(12, 0), DataTypeNames.parse("NUMERIC(12)"));
    assertEquals(DataType.of(TypeKind.INT), DataTypeNames.parse(" integer "));
    assertEquals(DataType.of(TypeKind.VARCHAR), DataTypeNames.parse("varchar(20)"));
    assertEquals(DataType.of(TypeKind.BIGINT).withNullable(false), DataTypeNames.parse("BIGINT NOT NULL"));
    for (TypeKind kind : TypeKind.values()) {
      DataType type = kind == TypeKind.DECIMAL ? DataType.decimal(38, 10) : DataType.of(kind);
      assertEquals(type, DataTypeNames.parse(type.sqlName()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataTypeNames.parse("money"));
    assertTrue(e.getMessage().startsWith("unknown type 'money'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DataTypeNames.parse("DECIMAL(40, 2)"));
  }
}
