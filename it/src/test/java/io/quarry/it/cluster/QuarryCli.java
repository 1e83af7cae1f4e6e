package io.quarry.it.cluster;

import io.quarry.cli.CliContext;
import io.quarry.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code quarry} commands in this JVM, capturing what they print. */
final class QuarryCli {
  record Run(int status, String out, String err) {
    Run assertOk() {
      if (status != 0) {
        throw new AssertionError(
            "exit status " + status + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }

    String[] lines() {
      return out.strip().isEmpty() ? new String[0] : out.strip().split("\\R");
    }
  }

  private QuarryCli() {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context =
        new CliContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(new byte[0]),
            Map.of(),
            false,
            false);
    int status = Main.run(context, args);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
