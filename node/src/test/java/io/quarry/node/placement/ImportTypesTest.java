package io.quarry.node.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.catalog.DatasetVersion;
import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import through a node (the quarry.import action) with column types given by the caller. */
class ImportTypesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static Map<String, DataType> columnTypes(DatasetManifest manifest) {
    return manifest.columns().stream()
        .collect(
            Collectors.toMap(
                Column::name, c -> c.type().withNullable(true)));
  }

  @Test
  void typeOverridesTravelWithTheRequest() throws Exception {
    Path csv = dir.resolve("shops.csv");
    Files.writeString(csv, "zip,fare,city\n1234,1.5,Oslo\n98765,22.25,Rome\n42,3,Rome\n");
    try (QuarryNode node = TestCluster.start(dir.resolve("node"), List.of());
        ClusterClient client = new ClusterClient()) {
      ImportOutcome inferred =
          client.importAndPlace(
              node.address(),
              new ImportRequest(List.of(csv.toString()), "inferred", false, 100, 1),
              TIMEOUT);
      ImportOutcome typed =
          client.importAndPlace(
              node.address(),
              new ImportRequest(
                  List.of(csv.toString()),
                  "typed",
                  false,
                  100,
                  1,
                  Map.of(
                      "zip", DataType.of(TypeKind.VARCHAR), "fare", DataType.decimal(8, 2))),
              TIMEOUT);
      assertEquals(3, typed.rows());

      DatasetVersion inferredVersion = node.store().datasets().latest("inferred").orElseThrow();
      DatasetVersion typedVersion = node.store().datasets().latest("typed").orElseThrow();
      assertEquals(inferred.root(), inferredVersion.root().toString());
      assertEquals(typed.root(), typedVersion.root().toString());
      Map<String, DataType> before =
          columnTypes(DatasetManifests.load(node.store(), inferredVersion.root()));
      Map<String, DataType> after =
          columnTypes(DatasetManifests.load(node.store(), typedVersion.root()));
      assertEquals(TypeKind.BIGINT, before.get("zip").kind());
      assertEquals(DataType.of(TypeKind.VARCHAR).withNullable(true), after.get("zip"));
      assertEquals(DataType.decimal(8, 2).withNullable(true), after.get("fare"));
      assertEquals(before.get("city"), after.get("city"));
    }
  }
}
