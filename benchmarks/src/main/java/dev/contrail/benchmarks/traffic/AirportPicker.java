package dev.contrail.benchmarks.traffic;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Picks airports at random, large airports {@value #LARGE_AIRPORT_WEIGHT} times as often as medium ones: hubs see more traffic. */
final class AirportPicker {

    static final int LARGE_AIRPORT_WEIGHT = 4;

    private final Airport[] airports;
    private final long[] cumulativeWeights;

    AirportPicker(List<Airport> airports) {
        if (airports.size() < 2) {
            throw new IllegalArgumentException("Need at least two airports to fly between, got " + airports.size());
        }
        this.airports = airports.toArray(Airport[]::new);
        this.cumulativeWeights = new long[this.airports.length];
        long total = 0;
        for (int i = 0; i < this.airports.length; i++) {
            total += this.airports[i].large() ? LARGE_AIRPORT_WEIGHT : 1;
            cumulativeWeights[i] = total;
        }
    }

    Airport pick(SplittableRandom random) {
        long ticket = random.nextLong(cumulativeWeights[cumulativeWeights.length - 1]);
        int index = Arrays.binarySearch(cumulativeWeights, ticket + 1);
        return airports[index >= 0 ? index : -index - 1];
    }
}
