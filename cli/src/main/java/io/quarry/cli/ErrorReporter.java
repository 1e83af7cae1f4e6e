package io.quarry.cli;

import io.quarry.error.ErrorCategory;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Turns a failure into one line on stderr and an exit status: 1 when the user's input was wrong, 2
 * otherwise. Stack traces only with --verbose.
 */
final class ErrorReporter {
  static final int OK = 0;
  static final int USER_ERROR = 1;
  static final int OTHER_ERROR = 2;

  private ErrorReporter() {}

  static int report(Throwable failure, CliContext context) {
    Report report = describe(failure);
    context.out().flush();
    String hint =
        report.unexpected() && !context.verbose() ? " (--verbose shows the stack trace)" : "";
    context.err().println("error: " + oneLine(report.message()) + hint);
    if (context.verbose()) {
      failure.printStackTrace(context.err());
    }
    context.err().flush();
    return report.status();
  }

  static int reportUsage(CommandLine.ParameterException e, CliContext context) {
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    context.err().println("error: " + oneLine(e.getMessage()) + " (see '" + command + " --help')");
    if (context.verbose()) {
      e.printStackTrace(context.err());
    }
    context.err().flush();
    return OTHER_ERROR;
  }

  private record Report(String message, int status, boolean unexpected) {}

  private static Report describe(Throwable failure) {
    QuarryException quarry = find(failure, QuarryException.class);
    if (quarry != null) {
      int status = quarry.category() == ErrorCategory.USER ? USER_ERROR : OTHER_ERROR;
      return new Report(quarry.getMessage(), status, quarry.category() == ErrorCategory.INTERNAL);
    }
    FileSystemException fs = find(failure, FileSystemException.class);
    if (fs != null) {
      String file = fs.getFile();
      if (fs instanceof NoSuchFileException) {
        return new Report("no such file or directory: " + file, USER_ERROR, false);
      }
      if (fs instanceof AccessDeniedException) {
        return new Report("permission denied: " + file, USER_ERROR, false);
      }
      if (fs instanceof FileAlreadyExistsException) {
        return new Report("file already exists: " + file, USER_ERROR, false);
      }
      if (fs instanceof NotDirectoryException) {
        return new Report("not a directory: " + file, USER_ERROR, false);
      }
      return new Report(fs.getMessage(), OTHER_ERROR, false);
    }
    IOException io = find(failure, IOException.class);
    if (io != null) {
      return new Report("I/O error: " + messageOf(io), OTHER_ERROR, false);
    }
    OutOfMemoryError oom = find(failure, OutOfMemoryError.class);
    if (oom != null) {
      return new Report(
          "out of memory (" + messageOf(oom) + "); give the JVM more with JAVA_OPTS=-Xmx…",
          OTHER_ERROR,
          false);
    }
    return new Report(
        "internal error: " + failure.getClass().getName() + ": " + messageOf(failure),
        OTHER_ERROR,
        true);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t instanceof UncheckedIOException && type.isInstance(t.getCause())) {
        return type.cast(t.getCause());
      }
    }
    return null;
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Error lines stay one line: continuation lines are joined with a space. */
  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
