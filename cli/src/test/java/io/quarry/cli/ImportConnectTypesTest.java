package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.catalog.DatasetVersion;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry import --type … --connect}: the node imports with the given column types. */
class ImportConnectTypesTest {
  @TempDir Path dir;

  @Test
  void typesGoToTheNodeThatImports() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("shops.csv"), "zip,fare,city\n1234,1.5,Oslo\n98765,22.25,Rome\n");
    try (QuarryNode node =
        QuarryNode.start(
            NodeConfig.of(
                dir.resolve("node"), new NodeAddress("127.0.0.1", 0), List.of(), "test"))) {
      Cli.Result run =
          Cli.run(
              "import",
              csv.toString(),
              "--name",
              "shops",
              "--type",
              "zip=VARCHAR,fare=DECIMAL(8,2)",
              "--connect",
              node.address().toString());
      assertEquals(0, run.status(), run::toString);
      DatasetVersion version = node.store().datasets().latest("shops").orElseThrow();
      assertEquals(version.root() + "\n", run.out(), run::toString);
      Map<String, DataType> types =
          DatasetManifests.load(node.store(), version.root()).columns().stream()
              .collect(Collectors.toMap(Column::name, c -> c.type().withNullable(true)));
      assertEquals(DataType.of(TypeKind.VARCHAR).withNullable(true), types.get("zip"));
      assertEquals(DataType.decimal(8, 2).withNullable(true), types.get("fare"));
    }
  }

  @Test
  void aBadTypeIsRefusedBeforeAnyNodeIsContacted() throws Exception {
    Path csv = Files.writeString(dir.resolve("shops.csv"), "zip\n1\n");
    Cli.Result refused =
        Cli.run(
            "import",
            csv.toString(),
            "--name",
            "shops",
            "--type",
            "zip=DECIMAL(99,2)",
            "--connect",
            "127.0.0.1:1");
    assertNotEquals(0, refused.status(), refused::toString);
    assertTrue(refused.err().contains("bad type 'DECIMAL(99,2)'"), refused::toString);
  }
}
