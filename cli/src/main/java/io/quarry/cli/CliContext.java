package io.quarry.cli;

import static java.util.Objects.requireNonNull;

import io.quarry.node.security.ClientSecurity;
import io.quarry.store.Store;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * What every command shares: the streams it talks through, the environment, and the global options.
 * Commands never touch System.out or System.err, so tests can run them in-process.
 */
public final class CliContext {
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Map<String, String> env;
  private final boolean stdinTerminal;
  private final boolean stderrTerminal;
  private Path home;
  private boolean verbose;
  private Path tlsCa;
  private Path tokenFile;
  private ClientSecurity clientSecurity;

  public CliContext(
      PrintStream out,
      PrintStream err,
      InputStream in,
      Map<String, String> env,
      boolean stdinTerminal,
      boolean stderrTerminal) {
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.in = requireNonNull(in, "in is null");
    this.env = Map.copyOf(requireNonNull(env, "env is null"));
    this.stdinTerminal = stdinTerminal;
    this.stderrTerminal = stderrTerminal;
    // Commands build their node clients without arguments; those ask this context.
    ClientSecurity.setProcessDefault(this::clientSecurity);
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  /** True when a person types at stdin: {@code quarry sql} then runs the interactive shell. */
  public boolean stdinTerminal() {
    return stdinTerminal;
  }

  /** True when stderr is a terminal: long imports then draw a progress bar. */
  public boolean stderrTerminal() {
    return stderrTerminal;
  }

  public Map<String, String> env() {
    return env;
  }

  public boolean verbose() {
    return verbose;
  }

  void setVerbose(boolean verbose) {
    this.verbose = verbose;
  }

  void setHome(Path home) {
    this.home = home;
  }

  /** The store's home: --home, else $QUARRY_HOME, else ~/.quarry. */
  public Path home() {
    if (home != null) {
      return home.toAbsolutePath();
    }
    String fromEnv = env.get("QUARRY_HOME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Paths.get(fromEnv).toAbsolutePath();
    }
    return Paths.get(System.getProperty("user.home"), ".quarry");
  }

  void setTlsCa(Path tlsCa) {
    this.tlsCa = tlsCa;
    this.clientSecurity = null;
  }

  void setTokenFile(Path tokenFile) {
    this.tokenFile = tokenFile;
    this.clientSecurity = null;
  }

  /**
   * How --connect reaches a node: TLS trusting --tls-ca (else $QUARRY_TLS_CA), with the token in
   * --token-file (else $QUARRY_TOKEN_FILE); plaintext without a token when neither is given.
   */
  public synchronized ClientSecurity clientSecurity() {
    if (clientSecurity == null) {
      Path ca = tlsCa != null ? tlsCa : envPath("QUARRY_TLS_CA");
      Path token = tokenFile != null ? tokenFile : envPath("QUARRY_TOKEN_FILE");
      clientSecurity =
          ca == null && token == null ? ClientSecurity.NONE : ClientSecurity.fromFiles(ca, token);
    }
    return clientSecurity;
  }

  private Path envPath(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : Paths.get(value);
  }

  /** Opens (creating if needed) the store in {@link #home()}. */
  public Store openStore() {
    return Store.open(home());
  }
}
