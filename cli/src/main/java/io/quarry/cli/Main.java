package io.quarry.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code quarry} command: content-addressed datasets and SQL over them. */
@Command(
    name = "quarry",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = "Quarry: SQL over content-addressed (IPFS-style) datasets.",
    footer = {
      "",
      "The store lives in --home, else $QUARRY_HOME, else ~/.quarry.",
      "Exit status: 0 success, 1 bad input (the message names it), 2 anything else."
    },
    subcommands = {
      CidCommand.class,
      ImportCommand.class,
      LsCommand.class,
      CatCommand.class,
      CarCommand.class,
      SqlCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      QueryCommand.class,
      CacheCommand.class,
      ScheduleCommand.class,
      ServeCommand.class, ClusterCommand.class, ProvidersCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  public Main(CliContext context) {
    this.context = context;
  }

  @Option(
      names = "--home",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Store directory (default: $QUARRY_HOME, else ~/.quarry).")
  void setHome(Path home) {
    context.setHome(home);
  }

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "With --connect: reach the node over TLS, trusting this CA certificate (PEM; a cluster's"
              + " is DIR/cluster/ca.crt). Default: $QUARRY_TLS_CA.")
  void setTlsCa(Path file) {
    context.setTlsCa(file);
  }

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "With --connect: send the token in FILE (a cluster's is DIR/cluster/token). Default:"
              + " $QUARRY_TOKEN_FILE.")
  void setTokenFile(Path file) {
    context.setTokenFile(file);
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  void setVerbose(boolean verbose) {
    context.setVerbose(verbose);
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    boolean stdinTty = flag("quarry.stdin.tty", System.console() != null);
    boolean stderrTty = flag("quarry.stderr.tty", System.console() != null);
    CliContext context = new CliContext(out, err, System.in, System.getenv(), stdinTty, stderrTty);
    int status = run(context, args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs one command line; returns the exit status. Never throws. */
  public static int run(CliContext context, String... args) {
    try {
      return commandLine(context).execute(args);
    } catch (RuntimeException | LinkageError e) {
      // Failures outside a command (e.g. a broken class path) are reported the same way.
      return ErrorReporter.report(e, context);
    } finally {
      context.out().flush();
    }
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(Main.class, new CommandFactory(context));
    commandLine.setOut(new PrintWriter(context.out(), true));
    commandLine.setErr(new PrintWriter(context.err(), true));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> ErrorReporter.report(e, context));
    commandLine.setParameterExceptionHandler((e, args) -> ErrorReporter.reportUsage(e, context));
    return commandLine;
  }

  private static boolean flag(String property, boolean fallback) {
    String value = System.getProperty(property);
    return value == null ? fallback : Boolean.parseBoolean(value);
  }

  /** Builds commands that take the shared context in their constructor. */
  private record CommandFactory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(CliContext.class).newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
