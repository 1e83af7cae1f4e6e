package io.quarry.cli;

import io.quarry.cli.output.ResultFormat;
import io.quarry.node.client.RemoteQueryClient;
import io.quarry.node.client.SqlSession;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** SQL over the datasets in the store: one statement, a script, or the interactive shell. */
@Command(
    name = "sql",
    description = {
      "Run SQL over the datasets in the store: a statement, a script or a shell.",
      "With -e: one statement. With -f, or SQL piped to stdin: a script of ';'-terminated"
          + " statements, stopping at the first error. Otherwise: the interactive shell.",
      "Tables: a dataset by name (its latest version) or by root CID as a quoted identifier,"
          + " e.g. SELECT count(*) FROM \"bafy…\"."
    })
final class SqlCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = {"-e", "--execute"},
      paramLabel = "SQL",
      description = "Run this one statement and exit.")
  String statement;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Run the statements in FILE and exit.")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table (aligned, default), csv (header line, then rows; RFC 4180 quoting) or"
              + " json (one JSON object per row and line).")
  ResultFormat.Kind format;

  @Option(
      names = "--no-cache",
      description = "Compute every result afresh instead of taking it from the result cache.")
  boolean noCache;

  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT",
      description =
          "Run the SQL on a running node (quarry serve, quarry cluster up) instead of the store.")
  String connect;

  @Spec CommandSpec spec;

  SqlCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (statement != null && file != null) {
      throw new ParameterException(spec.commandLine(), "give either -e or -f, not both");
    }
    if (connect != null) {
      try (RemoteQueryClient node = new RemoteQueryClient(NodeAddress.parse(connect))) {
        node.checkReachable(Duration.ofSeconds(10));
        return run(node);
      }
    }
    try (Store store = context.openStore();
        QueryEngine engine = new QueryEngine(store)) {
      return run(SqlSession.embedded(engine));
    }
  }

  private int run(SqlSession session) throws Exception {
    if (statement != null) {
      return runOne(session, QueryRunner.stripTerminator(statement));
    }
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return runScript(session, reader);
      }
    }
    if (!context.stdinTerminal()) {
      return runScript(
          session, new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)));
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      return new SqlShell(terminal, session, options(), context.home().resolve("history"), context)
          .run();
    }
  }

  private int runOne(SqlSession session, String sql) throws Exception {
    QueryRunner.Outcome outcome =
        QueryRunner.run(
            session, sql, options(), QueryRunner.format(format, context.out(), Long.MAX_VALUE));
    if (format == ResultFormat.Kind.TABLE) {
      context.out().println(outcome.summary());
    }
    return ErrorReporter.OK;
  }

  private QueryOptions options() {
    return QueryOptions.DEFAULTS.withCache(!noCache);
  }

  private int runScript(SqlSession session, Reader reader) throws Exception {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
      text.append(buffer, 0, n);
    }
    StatementSplitter.Split split = StatementSplitter.split(text.toString());
    List<String> statements = new ArrayList<>(split.statements());
    if (!StatementSplitter.isBlank(split.rest())) {
      statements.add(split.rest().strip());
    }
    for (String sql : statements) {
      if (format == ResultFormat.Kind.TABLE && statements.size() > 1) {
        context.out().println(sql + ";");
      }
      runOne(session, sql);
      if (format == ResultFormat.Kind.TABLE && statements.size() > 1) {
        context.out().println();
      }
    }
    return ErrorReporter.OK;
  }
}
