package io.quarry.sql;

import java.util.List;

/**
 * What the dialect offers, as clients ask for it: JDBC {@code DatabaseMetaData} in Quarry's driver
 * and Flight SQL's {@code GetSqlInfo} answer from these same facts, so a BI tool sees one engine
 * whichever driver it uses. The lists name what the engine runs (docs/sql.md, "Dialect"), in JDBC's
 * spelling.
 */
public final class DialectFacts {
  public static final String IDENTIFIER_QUOTE = "\"";
  public static final String SEARCH_STRING_ESCAPE = "\\";

  /** Words beyond SQL:2003's that Quarry reserves. */
  public static final List<String> KEYWORDS = List.of("ILIKE");

  public static final List<String> NUMERIC_FUNCTIONS =
      List.of(
          "ABS", "CEILING", "EXP", "FLOOR", "LOG10", "LN", "MOD", "POWER", "ROUND", "SIGN", "SQRT");

  public static final List<String> STRING_FUNCTIONS =
      List.of(
          "CHAR_LENGTH",
          "CONCAT",
          "LEFT",
          "LENGTH",
          "LOWER",
          "LPAD",
          "LTRIM",
          "POSITION",
          "REPLACE",
          "RIGHT",
          "RPAD",
          "RTRIM",
          "SUBSTRING",
          "TRIM",
          "UPPER");

  public static final List<String> DATETIME_FUNCTIONS =
      List.of(
          "CURRENT_DATE",
          "CURRENT_TIMESTAMP",
          "DATE_TRUNC",
          "EXTRACT",
          "TIMESTAMPADD",
          "TIMESTAMPDIFF");

  public static final List<String> SYSTEM_FUNCTIONS = List.of("COALESCE", "NULLIF");

  private DialectFacts() {}

  /** A list as JDBC's metadata strings give it: comma-separated, no spaces. */
  public static String joined(List<String> names) {
    return String.join(",", names);
  }
}
