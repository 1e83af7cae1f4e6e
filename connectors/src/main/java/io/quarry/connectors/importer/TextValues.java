package io.quarry.connectors.importer;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.ValueText;
import java.nio.file.Path;

/** Converts text fields of CSV and JSON inputs into canonical values, with errors a person can act on. */
final class TextValues {
  private TextValues() {}

  /**
   * The value of {@code text} as the type of column {@code index}; an empty text is NULL. {@code
   * line} and {@code col} (1-based) locate the field for the error message.
   */
  static Object parse(TargetSchema schema, int index, String text, Path file, long line, long col) {
    if (text.isEmpty()) {
      return null;
    }
    Column column = schema.columns().get(index);
    try {
      return ValueText.parse(column.type(), text);
    } catch (IllegalArgumentException e) {
      throw new QuarryException(
          ErrorCode.MALFORMED_INPUT,
          String.format(
              "%s:%d:%d: column '%s': %s (%s); fix the value or override the type"
                  + " of column '%s' (for example as VARCHAR)",
              file, line, col, column.name(), e.getMessage(), schema.origins().get(index),
              column.name()));
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
