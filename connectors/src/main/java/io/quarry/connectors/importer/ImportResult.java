package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.catalog.DatasetVersion;
import io.quarry.connectors.dataset.DatasetManifest;

/** The dataset version an import created and its manifest. */
public record ImportResult(DatasetVersion version, DatasetManifest manifest) {
  public ImportResult {
    requireNonNull(version, "version is null");
    requireNonNull(manifest, "manifest is null");
  }
}
