package io.quarry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** CAR v1 files: the standard way to move IPFS data between stores. */
@Command(
    name = "car",
    description = "Export a DAG to a CAR v1 file or import one into the store.",
    subcommands = {CarExportCommand.class, CarImportCommand.class})
final class CarCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: export or import");
  }
}
