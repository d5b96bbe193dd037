package dev.contrail.infrastructure.airspace.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrail.domain.airspace.VerticalLimits;
import dev.contrail.infrastructure.airspace.definitions.GeoJsonAirspaces.Rejection;
import dev.contrail.infrastructure.airspace.definitions.GeoJsonAirspaces.Volume;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GeoJsonAirspacesTest {

    @Test
    void malformedFeaturesAreRejectedWithTheirReasonAndTheRestLoads() throws IOException {
        GeoJsonAirspaces.Result result;
        try (InputStream in = getClass().getResourceAsStream("/airspace/malformed.geojson")) {
            result = GeoJsonAirspaces.read(in);
        }

        assertThat(result.features()).isEqualTo(9);
        assertThat(result.volumes()).extracting(Volume::id).containsExactly("GOOD", "OPEN", "HOLED");
        assertThat(result.repairs()).singleElement().satisfies(repair -> {
            assertThat(repair.id()).isEqualTo("OPEN");
            assertThat(repair.note()).startsWith("ring closed");
        });
        Volume good = result.volumes().get(0);
        assertThat(good.verticalLimits()).isEqualTo(new VerticalLimits(0.0, 3000.0));
        assertThat(good.capacity()).isEqualTo(5);
        assertThat(result.volumes().get(2).boundary().polygons().get(0).holes()).hasSize(1);
        assertThat(result.rejections()).extracting(Rejection::index).containsExactly(2, 3, 4, 5, 6, 8);
        assertThat(result.rejections()).extracting(Rejection::reason).satisfiesExactly(
                point -> assertThat(point).contains("Polygon or MultiPolygon, was 'Point'"),
                noId -> assertThat(noId).contains("property 'id'"),
                upsideDown -> assertThat(upsideDown).contains("below the ceiling"),
                offEarth -> assertThat(offEarth).contains("latitude must be within"),
                text -> assertThat(text).contains("'floor_m' must be a number"),
                tooFew -> assertThat(tooFew).contains("at least 4 points"));
    }

    @Test
    void aFileThatIsNotAFeatureCollectionLoadsNothing() {
        assertThatThrownBy(() -> GeoJsonAirspaces.read(new ByteArrayInputStream("{\"type\":\"Feature\"}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("FeatureCollection");
    }

    @Test
    void theBundledVatSpyBoundariesLoadWhole() throws IOException {
        GeoJsonAirspaces.Result result;
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/airspace/vatspy-boundaries.geojson.gz"))) {
            result = GeoJsonAirspaces.read(in);
        }

        // SOURCES.md: 1,102 features; 6 ids appear twice (sub-areas of one volume).
        assertThat(result.features()).isEqualTo(1102);
        assertThat(result.rejections()).isEmpty();
        assertThat(result.repairs()).extracting(GeoJsonAirspaces.Repair::id).containsExactlyInAnyOrder("RJDG-W", "YTRT");
        assertThat(result.volumes()).hasSize(1102 - 6);
        assertThat(result.volumes()).filteredOn(v -> v.id().equals("KZNY")).singleElement()
                .satisfies(kzny -> assertThat(kzny.boundary().polygons()).hasSizeGreaterThanOrEqualTo(2));
        assertThat(result.volumes()).allSatisfy(v -> assertThat(v.verticalLimits().isUnbounded()).isTrue());
    }
}
