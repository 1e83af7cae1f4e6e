package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.QuarryException;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeParserTest {
  @Test
  void parsesTypeNamesAsPeopleWriteThem() {
    assertEquals(DataType.decimal(8, 2), TypeParser.parse("decimal(8, 2)"));
    assertEquals(DataType.decimal(12, 0), TypeParser.parse("NUMERIC(12)"));
    assertEquals(DataType.of(TypeKind.VARCHAR), TypeParser.parse(" string "));
    assertEquals(DataType.of(TypeKind.BIGINT), TypeParser.parse("bigint"));
    assertEquals(DataType.of(TypeKind.TIMESTAMP), TypeParser.parse("Timestamp"));
  }

  @Test
  void overridesKeepTheirOrder() {
    Map<String, DataType> types = TypeParser.overrides(List.of("fare=DECIMAL(8,2)", "zip=VARCHAR"));
    assertEquals(List.of("fare", "zip"), List.copyOf(types.keySet()));
    assertEquals(DataType.decimal(8, 2), types.get("fare"));
  }

  @Test
  void badSpecsNameWhatIsWrong() {
    QuarryException noEquals =
        assertThrows(QuarryException.class, () -> TypeParser.overrides(List.of("fare")));
    assertTrue(noEquals.getMessage().contains("'fare'"), noEquals::getMessage);
    QuarryException unknown = assertThrows(QuarryException.class, () -> TypeParser.parse("MONEY"));
    assertTrue(unknown.getMessage().contains("MONEY"), unknown::getMessage);
    assertThrows(QuarryException.class, () -> TypeParser.parse("DECIMAL(40,2)"));
  }
}
