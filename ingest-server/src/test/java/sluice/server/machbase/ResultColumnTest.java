package sluice.server.machbase;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResultColumnTest
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name|NAME",
        "count_star()|COUNT(*)",
        "sum(\"value\")|SUM(VALUE)",
        "max(\"time\")|MAX(TIME)",
        "(\"value\" * 2)|(VALUE * 2)",
        "upper(\"name\")|UPPER(NAME)",
        // An alias is the user's own text: only upper-cased.
        "my \"quoted\" alias|MY \"QUOTED\" ALIAS",
    })
    void labelsAsNeoPrintsThem(final String duckdb, final String neo)
    {
        assertEquals(neo, ResultColumn.label(duckdb));
    }
}
