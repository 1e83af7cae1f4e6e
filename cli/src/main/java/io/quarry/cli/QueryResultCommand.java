package io.quarry.cli;

import io.quarry.cache.ReplayOperator;
import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.cid.Cid;
import io.quarry.cli.output.ResultFormat;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a stored result by its CID. */
@Command(
    name = "result",
    description = "Print the rows of the stored result RESULT_CID (as printed by `quarry query run`).")
final class QueryResultCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "RESULT_CID", description = "A result CID.")
  String cid;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default), csv or json, as for `quarry sql`.")
  ResultFormat.Kind format;

  QueryResultCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    try (Store store = context.openStore();
        RootAllocator allocator = new RootAllocator()) {
      byte[] ipc = ResultCache.open(store, ResultCacheConfig.DEFAULTS).read(Cid.parse(cid));
      Schema schema;
      try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator)) {
        schema = reader.getVectorSchemaRoot().getSchema();
      } catch (IOException | RuntimeException e) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT, cid + " is not a stored result (an Arrow IPC stream): " + e.getMessage());
      }
      ResultFormat out = QueryRunner.format(format, context.out(), Long.MAX_VALUE);
      out.begin(ArrowTypes.toColumns(schema));
      long rows = 0;
      try (ReplayOperator replay = new ReplayOperator(ipc, schema, allocator)) {
        while (true) {
          try (VectorSchemaRoot batch = replay.next()) {
            if (batch == null) {
              break;
            }
            rows += batch.getRowCount();
            out.batch(batch);
          }
        }
      }
      out.end();
      if (format == ResultFormat.Kind.TABLE) {
        context.out().printf("(%d %s)%n", rows, rows == 1 ? "row" : "rows");
      }
    }
    return ErrorReporter.OK;
  }
}
