package sluice.codec.time;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.Year;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochDaysTest
{
    @Test
    void knownDates()
    {
        assertEquals(0, EpochDays.fromCivil(1970, 1, 1));
        assertEquals(-1, EpochDays.fromCivil(1969, 12, 31));
        assertEquals(19_778, EpochDays.fromCivil(2024, 2, 25));
        assertEquals(-719_528, EpochDays.fromCivil(0, 1, 1));
        assertEquals(-719_162, EpochDays.fromCivil(1, 1, 1));
        assertEquals(2_932_896, EpochDays.fromCivil(9999, 12, 31));
        assertEquals(4, EpochDays.dayOfWeek(0), "1970-01-01 was a Thursday");
        assertEquals(1, EpochDays.dayOfWeek(EpochDays.fromCivil(2006, 1, 2)), "Go's reference day is a Monday");
        assertEquals(366, EpochDays.dayOfYear(EpochDays.fromCivil(2024, 12, 31)));
        assertEquals(EpochDays.MIN_EPOCH_SECOND, EpochDays.fromCivil(0, 1, 1) * 86_400);
        assertEquals(EpochDays.MAX_EPOCH_SECOND, EpochDays.fromCivil(10_000, 1, 1) * 86_400 - 1);
    }

    @Test
    void leapYearsAndValidity()
    {
        for (int year = -1000; year <= 10_000; year++)
        {
            assertEquals(Year.isLeap(year), EpochDays.isLeapYear(year), "year " + year);
        }
        assertFalse(EpochDays.isValidDate(1997, 2, 29));
        assertTrue(EpochDays.isValidDate(1996, 2, 29));
        assertFalse(EpochDays.isValidDate(2000, 0, 1));
        assertFalse(EpochDays.isValidDate(2000, 13, 1));
        assertFalse(EpochDays.isValidDate(2000, 4, 31));
        assertFalse(EpochDays.isValidDate(2000, 1, 0));
        assertTrue(EpochDays.isValidDate(0, 2, 29), "year 0 is a leap year (proleptic)");
    }

    @Test
    void everyDayOfSomeCenturiesMatchesJavaTime()
    {
        check(LocalDate.of(-401, 1, 1).toEpochDay(), LocalDate.of(401, 1, 1).toEpochDay());
        check(LocalDate.of(1890, 1, 1).toEpochDay(), LocalDate.of(2110, 1, 1).toEpochDay());
        check(LocalDate.of(9900, 1, 1).toEpochDay(), LocalDate.of(10_001, 1, 1).toEpochDay());
    }

    @Test
    void randomDaysMatchJavaTime()
    {
        final long seed = TimeTestSupport.seed();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++)
        {
            final long day = random.nextLong(-365_000_000L, 365_000_000L);
            final LocalDate date = LocalDate.ofEpochDay(day);
            final String message = "seed " + seed + ": day " + day;
            assertEquals(date.getYear(), EpochDays.year(day), message);
            assertEquals(date.getMonthValue(), EpochDays.month(day), message);
            assertEquals(date.getDayOfMonth(), EpochDays.dayOfMonth(day), message);
            assertEquals(day, EpochDays.fromCivil(date.getYear(), date.getMonthValue(), date.getDayOfMonth()), message);
        }
    }

    private static void check(final long fromDay, final long toDay)
    {
        for (long day = fromDay; day < toDay; day++)
        {
            final LocalDate date = LocalDate.ofEpochDay(day);
            final String message = date.toString();
            assertEquals(day, EpochDays.fromCivil(date.getYear(), date.getMonthValue(), date.getDayOfMonth()), message);
            assertEquals(date.getYear(), EpochDays.year(day), message);
            assertEquals(date.getMonthValue(), EpochDays.month(day), message);
            assertEquals(date.getDayOfMonth(), EpochDays.dayOfMonth(day), message);
            assertEquals(date.getDayOfWeek().getValue() % 7, EpochDays.dayOfWeek(day), message);
            assertEquals(date.getDayOfYear(), EpochDays.dayOfYear(day), message);
            assertTrue(EpochDays.isValidDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth()), message);
            assertEquals(date.lengthOfMonth(), EpochDays.lengthOfMonth(date.getYear(), date.getMonthValue()), message);
        }
    }
}
