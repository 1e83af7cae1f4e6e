package io.quarry.sql;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes the statements Calcite's parser does not handle as Quarry wants them (SHOW DATASETS,
 * DESCRIBE, EXPLAIN [VERBOSE | ANALYZE]) by their leading keywords; everything else is a query.
 */
public final class StatementClassifier {
  private static final Pattern SHOW =
      Pattern.compile("(?is)\\s*SHOW\\s+(DATASETS|TABLES)\\s*;?\\s*");
  private static final Pattern DESCRIBE =
      Pattern.compile(
          "(?is)\\s*(?:DESCRIBE|DESC)\\s+(?:TABLE\\s+)?(\"(?:[^\"]|\"\")+\"|[^\\s;\"]+)\\s*;?\\s*");
  private static final Pattern EXPLAIN =
      Pattern.compile(
          "(?is)(\\s*EXPLAIN\\s+(?:(VERBOSE|ANALYZE)\\s+)?(?:PLAN\\s+FOR\\s+)?)(.*)");

  private StatementClassifier() {}

  public static Statement classify(String sql) {
    String text = stripTrailingSemicolon(sql);
    if (text.isBlank()) {
      throw new QuarryException(ErrorCode.SYNTAX_ERROR, "empty statement");
    }
    int start = leadingComments(text);
    String rest = text.substring(start);
    if (rest.isBlank()) {
      throw new QuarryException(ErrorCode.SYNTAX_ERROR, "empty statement");
    }
    if (SHOW.matcher(rest).matches()) {
      return new Statement.ShowDatasets();
    }
    Matcher describe = DESCRIBE.matcher(rest);
    if (describe.matches()) {
      String name = describe.group(1);
      if (name.startsWith("\"")) {
        name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
      }
      return new Statement.Describe(name);
    }
    Matcher explain = EXPLAIN.matcher(rest);
    if (explain.matches()) {
      String prefix = text.substring(0, start) + explain.group(1);
      String blanked = prefix.replaceAll("[^\\n]", " ") + explain.group(3);
      String option = explain.group(2);
      if (option != null && option.equalsIgnoreCase("ANALYZE")) {
        return new Statement.ExplainAnalyze(blanked);
      }
      return new Statement.Explain(blanked, option != null);
    }
    return new Statement.Query(text);
  }

  /** The length of the whitespace and SQL comments that start {@code sql}. */
  private static int leadingComments(String sql) {
    int i = 0;
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? sql.length() : nl + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static String stripTrailingSemicolon(String sql) {
    String s = sql.stripTrailing();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).stripTrailing();
    }
    return s;
  }
}
