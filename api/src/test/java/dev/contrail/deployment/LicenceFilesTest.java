package dev.contrail.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Contrail is Apache-2.0 and says so; every data set it bundles is named in {@code NOTICE} with its own licence, so a
 * new data file cannot ship without its attribution.
 */
class LicenceFilesTest {

    private static final Path ROOT = Path.of("..");
    /** Where bundled data lives: the imports', the demo's (its capture) and the dashboard's (its basemap). */
    private static final List<Path> BUNDLED_DATA = List.of(ROOT.resolve("infrastructure/src/main/resources"),
            ROOT.resolve("demo/src/main/resources"), ROOT.resolve("api/src/main/resources/static"));

    @Test
    void theRepositoryCarriesTheApacheLicence() throws IOException {
        String licence = Files.readString(ROOT.resolve("LICENSE"));
        assertThat(licence).contains("Apache License").contains("Version 2.0, January 2004")
                .contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
    }

    @Test
    void noticeNamesEveryBundledDataSetWithItsLicence() throws IOException {
        String notice = Files.readString(ROOT.resolve("NOTICE"));
        assertThat(notice).contains("Apache License, Version 2.0")
                .contains("OpenSky Network terms of use")
                .contains("Public domain (The Unlicense)")
                .contains("CC BY-SA 4.0");
        for (Path root : BUNDLED_DATA) {
            for (Path dataFile : bundledDataFiles(root)) {
                String folder = root.relativize(dataFile.getParent()).toString().replace('\\', '/');
                assertThat(notice).as("NOTICE names the folder of %s", dataFile).contains(folder + "/");
            }
        }
    }

    private static List<Path> bundledDataFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.toString().contains("META-INF"))
                    .filter(file -> file.toString().matches(".*\\.(gz|json|csv|geojson)$"))
                    .toList();
        }
    }
}
