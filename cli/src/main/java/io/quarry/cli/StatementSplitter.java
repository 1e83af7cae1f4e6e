package io.quarry.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at semicolons that are outside quotes and comments, the way the
 * shell and script mode read input. A statement is complete when it ends with such a semicolon.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  /** The complete statements in {@code text} (without their semicolons) and the unfinished rest. */
  record Split(List<String> statements, String rest) {}

  static Split split(String text) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    char quote = 0;
    boolean lineComment = false;
    boolean blockComment = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (lineComment) {
        lineComment = c != '\n';
      } else if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          i++;
        }
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '-' && next == '-') {
        lineComment = true;
        i++;
      } else if (c == '/' && next == '*') {
        blockComment = true;
        i++;
      } else if (c == ';') {
        String statement = text.substring(start, i).strip();
        if (!isBlank(statement)) {
          statements.add(statement);
        }
        start = i + 1;
      }
    }
    return new Split(statements, text.substring(start));
  }

  /** True when the text has only whitespace and comments, so there is nothing to run. */
  static boolean isBlank(String text) {
    String withoutComments = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    return withoutComments.isBlank();
  }
}
