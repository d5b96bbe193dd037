package dev.contrail.api.support;

import java.util.concurrent.ThreadLocalRandom;

/** Test aircraft addresses that no real capture uses (the 'f' block), so tests sharing a broker never collide. */
public final class Aircraft {

    private Aircraft() {
    }

    public static String uniqueIcao24() {
        return "f" + String.format("%05x", ThreadLocalRandom.current().nextInt(0x100000));
    }
}
