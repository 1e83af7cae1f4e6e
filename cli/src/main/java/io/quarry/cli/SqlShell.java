package io.quarry.cli;

import static java.util.Objects.requireNonNull;

import io.quarry.cli.output.ResultFormat;
import io.quarry.node.client.SqlSession;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.TableInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;

/**
 * The interactive SQL shell: line editing, history kept in the home directory, statements over
 * several lines until a semicolon, aligned results with row count and time. Ctrl-C drops the
 * current input; Ctrl-D, \q or exit leaves.
 */
final class SqlShell {
  private static final String PROMPT = "quarry> ";
  private static final String CONTINUATION = "     -> ";
  private static final List<String> KEYWORDS =
      List.of(
          "SELECT",
          "FROM",
          "WHERE",
          "GROUP",
          "BY",
          "HAVING",
          "ORDER",
          "LIMIT",
          "OFFSET",
          "JOIN",
          "LEFT",
          "RIGHT",
          "FULL",
          "INNER",
          "OUTER",
          "CROSS",
          "ON",
          "USING",
          "UNION",
          "ALL",
          "DISTINCT",
          "AS",
          "AND",
          "OR",
          "NOT",
          "IN",
          "EXISTS",
          "BETWEEN",
          "LIKE",
          "IS",
          "NULL",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "CAST",
          "EXTRACT",
          "INTERVAL",
          "DATE",
          "TIMESTAMP",
          "COUNT",
          "SUM",
          "AVG",
          "MIN",
          "MAX",
          "OVER",
          "PARTITION",
          "ROW_NUMBER",
          "RANK",
          "DESC",
          "ASC",
          "EXPLAIN",
          "ANALYZE",
          "DESCRIBE",
          "SHOW",
          "DATASETS",
          "WITH",
          "VALUES");

  private final Terminal terminal;
  private final SqlSession session;
  private final QueryOptions options;
  private final Path historyFile;
  private final PrintStream out;
  private final CliContext context;

  SqlShell(
      Terminal terminal,
      QueryEngine engine,
      QueryOptions options,
      Path historyFile,
      CliContext context) {
    this(terminal, SqlSession.embedded(engine), options, historyFile, context);
  }

  SqlShell(
      Terminal terminal,
      SqlSession session,
      QueryOptions options,
      Path historyFile,
      CliContext context) {
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.session = requireNonNull(session, "session is null");
    this.options = requireNonNull(options, "options is null");
    this.historyFile = requireNonNull(historyFile, "historyFile is null");
    this.context = requireNonNull(context, "context is null");
    this.out = context.out();
  }

  /** Runs until the user leaves; returns the exit status. */
  int run() throws IOException {
    Files.createDirectories(historyFile.getParent());
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("quarry")
            .parser(new StatementParser())
            .completer(new StringsCompleter(completions()))
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            .variable(LineReader.HISTORY_FILE, historyFile)
            .variable(LineReader.HISTORY_SIZE, 2000)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
    out.printf(
        "Quarry %s SQL shell on %s. End statements with ';'. \\q or Ctrl-D leaves, \\? helps.%n",
        VersionProvider.version(), context.home());
    out.flush();
    try {
      while (true) {
        String input;
        try {
          input = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return ErrorReporter.OK;
        }
        String command = input.strip();
        if (isQuit(command)) {
          return ErrorReporter.OK;
        }
        if (command.equals("\\?") || command.equalsIgnoreCase("help")) {
          help();
          continue;
        }
        for (String statement : StatementSplitter.split(input).statements()) {
          execute(statement);
        }
      }
    } finally {
      reader.getHistory().save();
      out.flush();
    }
  }

  /**
   * Runs one statement. Ctrl-C meanwhile interrupts it; a second Ctrl-C leaves the shell, for a
   * statement that does not stop.
   */
  private void execute(String statement) {
    Thread runner = Thread.currentThread();
    AtomicInteger interrupts = new AtomicInteger();
    Terminal.SignalHandler previous =
        terminal.handle(
            Terminal.Signal.INT,
            signal -> {
              if (interrupts.incrementAndGet() == 1) {
                context.err().println("cancelling the statement (Ctrl-C again leaves the shell)");
                runner.interrupt();
              } else {
                context.err().println("leaving");
                System.exit(130);
              }
            });
    try {
      QueryRunner.Outcome outcome =
          QueryRunner.run(
              session,
              statement,
              options,
              QueryRunner.format(ResultFormat.Kind.TABLE, out, QueryRunner.SHELL_TABLE_ROWS));
      out.println(outcome.summary());
    } catch (Exception e) {
      if (interrupts.get() > 0) {
        context.err().println("error: statement cancelled");
      } else {
        ErrorReporter.report(e, context);
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      Thread.interrupted();
    }
    out.flush();
  }

  /** Tab completes SQL keywords and the store's table and column names. */
  private List<String> completions() {
    Set<String> words = new TreeSet<>(KEYWORDS);
    try {
      for (TableInfo table : session.tables()) {
        words.add(table.name());
        table.columns().forEach(c -> words.add(c.name()));
      }
    } catch (RuntimeException e) {
      // Completion is a convenience: a store the engine cannot list still gets keywords.
    }
    return List.copyOf(words);
  }

  private void help() {
    out.println("Statements end with ';' and may span lines. Examples:");
    out.println("  SHOW DATASETS;");
    out.println("  DESCRIBE trips;");
    out.println("  SELECT vendor, count(*) FROM trips GROUP BY vendor;");
    out.println("  SELECT count(*) FROM \"bafy…\";   -- a dataset by its root CID");
    out.println("  EXPLAIN ANALYZE SELECT vendor, count(*) FROM trips GROUP BY vendor;");
    out.println("  SELECT * FROM system.cache;    -- also system.datasets; SHOW CACHE");
    out.println("Ctrl-C drops the current input, Ctrl-D or \\q leaves. History: " + historyFile);
    out.flush();
  }

  static boolean isQuit(String command) {
    String c = command.toLowerCase(Locale.ROOT);
    return c.equals("\\q")
        || c.equals("exit")
        || c.equals("quit")
        || c.equals("exit;")
        || c.equals("quit;");
  }

  /** Asks JLine for another line until the input ends in a statement terminator. */
  static final class StatementParser extends DefaultParser {
    StatementParser() {
      escapeChars(new char[0]);
      quoteChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE) {
        String command = line.strip();
        boolean shellCommand =
            isQuit(command) || command.equals("\\?") || command.equalsIgnoreCase("help");
        if (!shellCommand && !StatementSplitter.isBlank(StatementSplitter.split(line).rest())) {
          throw new EOFError(-1, cursor, "statement continues until ';'");
        }
      }
      return super.parse(line, cursor, context);
    }
  }
}
