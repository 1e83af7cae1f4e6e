package io.quarry.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamePatternTest {
  @Test
  void wildcardsAndEscapes() {
    assertTrue(NamePattern.matches(null, "orders"));
    assertTrue(NamePattern.matches("%", "orders"));
    assertTrue(NamePattern.matches("%", ""));
    assertTrue(NamePattern.matches("ord%", "orders"));
    assertTrue(NamePattern.matches("o_ders", "orders"));
    assertFalse(NamePattern.matches("o_ders", "oders"));
    assertTrue(NamePattern.matches("line\\_item", "line_item"));
    assertFalse(NamePattern.matches("line\\_item", "lineXitem"));
    assertTrue(NamePattern.matches("100\\%", "100%"));
    assertFalse(NamePattern.matches("100\\%", "1000"));
    assertFalse(NamePattern.matches("", "orders"));
  }

  @Test
  void regexCharactersAreLiteral() {
    assertTrue(NamePattern.matches("a.b(c)", "a.b(c)"));
    assertFalse(NamePattern.matches("a.b", "axb"));
    assertTrue(NamePattern.matches("[x]*", "[x]*"));
  }

  @Test
  void namesMatchWithoutRegardToCase() {
    assertTrue(NamePattern.matches("TRIPS", "trips"));
    assertTrue(NamePattern.matches("Line\\_I%", "line_item"));
    assertFalse(NamePattern.matches("TRIPSX", "trips"));
  }
}
