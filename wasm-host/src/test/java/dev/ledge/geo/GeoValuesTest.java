package dev.ledge.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The conversions from MaxMind values to Fastly's field formats. */
class GeoValuesTest {
    private static final Instant JANUARY = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-15T12:00:00Z");

    @Test
    void utcOffsetIsHoursTimesHundredPlusMinutesAtTheGivenInstant() {
        assertEquals(-300, GeoValues.utcOffset("America/Argentina/Buenos_Aires", JULY));
        assertEquals(100, GeoValues.utcOffset("Europe/Madrid", JANUARY));
        assertEquals(200, GeoValues.utcOffset("Europe/Madrid", JULY));
        assertEquals(-800, GeoValues.utcOffset("America/Los_Angeles", JANUARY));
        assertEquals(-700, GeoValues.utcOffset("America/Los_Angeles", JULY));
        assertEquals(530, GeoValues.utcOffset("Asia/Kolkata", JULY));
        assertEquals(-330, GeoValues.utcOffset("America/St_Johns", JANUARY));
        assertEquals(0, GeoValues.utcOffset("UTC", JULY));
        assertNull(GeoValues.utcOffset("Mars/Olympus_Mons", JULY));
        assertNull(GeoValues.utcOffset("", JULY));
        assertNull(GeoValues.utcOffset(null, JULY));
    }

    @Test
    void countryCodesAndNamesComeFromTheJdk() {
        assertEquals("ARG", GeoValues.alpha3("AR"));
        assertEquals("BRA", GeoValues.alpha3("BR"));
        assertEquals("ESP", GeoValues.alpha3("ES"));
        assertNull(GeoValues.alpha3("ZZ"));
        assertNull(GeoValues.alpha3("ARG"));
        assertNull(GeoValues.alpha3(null));
        assertEquals("Mexico", GeoValues.countryName("MX"));
        assertNull(GeoValues.countryName("ZZ"));
    }
}
