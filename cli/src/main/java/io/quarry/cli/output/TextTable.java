package io.quarry.cli.output;

import java.io.PrintStream;
import java.util.List;

/** Prints rows of text under a header, aligned, psql style; a null cell prints as NULL. */
public final class TextTable {
  private TextTable() {}

  public static void print(
      PrintStream out, List<String> headers, boolean[] rightAligned, List<String[]> rows) {
    int n = headers.size();
    int[] widths = new int[n];
    for (int c = 0; c < n; c++) {
      widths[c] = headers.get(c).length();
    }
    for (String[] row : rows) {
      for (int c = 0; c < n; c++) {
        widths[c] = Math.max(widths[c], display(row[c]).length());
      }
    }
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < n; c++) {
      line.append(c == 0 ? " " : " | ");
      pad(line, headers.get(c), widths[c], false);
    }
    out.println(line.toString().stripTrailing());
    line.setLength(0);
    for (int c = 0; c < n; c++) {
      line.append(c == 0 ? "-" : "-+-").append("-".repeat(widths[c]));
    }
    out.println(line.append('-'));
    for (String[] row : rows) {
      line.setLength(0);
      for (int c = 0; c < n; c++) {
        line.append(c == 0 ? " " : " | ");
        pad(line, display(row[c]), widths[c], rightAligned[c]);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String display(String cell) {
    return cell == null ? "NULL" : cell.replace("\n", "\\n").replace("\r", "\\r");
  }

  private static void pad(StringBuilder line, String text, int width, boolean right) {
    String padding = " ".repeat(Math.max(0, width - text.length()));
    if (right) {
      line.append(padding).append(text);
    } else {
      line.append(text).append(padding);
    }
  }
}
