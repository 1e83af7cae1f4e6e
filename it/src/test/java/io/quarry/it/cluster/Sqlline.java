package io.quarry.it.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import sqlline.SqlLine;

/** Runs a sqlline script against a JDBC URL in this JVM, as an analyst would from a terminal. */
final class Sqlline {
  record Run(SqlLine.Status status, String out, String err) {}

  private Sqlline() {}

  static Run run(String url, Path scratch, String... commands) throws IOException {
    Path script = Files.createTempFile(scratch, "sqlline", ".sql");
    Files.writeString(script, String.join("\n", commands) + "\n!quit\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SqlLine sqlline = new SqlLine();
    sqlline.setOutputStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    sqlline.setErrorStream(new PrintStream(err, true, StandardCharsets.UTF_8));
    String[] args = {
      "-u", url, "-n", "", "-p", "", "--outputformat=csv", "--showWarnings=false", "-f",
      script.toString()
    };
    SqlLine.Status status = sqlline.begin(args, new ByteArrayInputStream(new byte[0]), false);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
