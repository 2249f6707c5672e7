package sluice.codec.decode;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import sluice.codec.RowDecoder;
import sluice.codec.bind.Dialect;
import sluice.codec.bind.ValueBinder;
import sluice.codec.json.JsonConfig;
import sluice.codec.json.NdjsonDecoder;
import sluice.codec.row.RowBatchEncoder;
import sluice.codec.row.RowLayout;
import sluice.codec.schema.SchemaText;
import sluice.codec.schema.TableSchema;
import sluice.codec.testing.RowText;
import sluice.codec.time.TimeFormat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Machbase seed's "NDJSON with timeformat" example uses {@code tz=Local}: values are read in the server's zone.
 * The expected instants come from java.time in the JVM's default zone, set here to one that is not UTC so the test
 * means something on a UTC machine.
 */
class MachbaseLocalZoneTest
{
    @Test
    void localMeansTheServersZone()
    {
        final TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/Sao_Paulo"));
        try
        {
            final TableSchema schema = SchemaText.parse("EXAMPLE",
                "NAME VARCHAR NOT NULL, TIME TIMESTAMP_NS NOT NULL, VALUE FLOAT64");
            final byte[] body = ("{\"NAME\":\"ndjson-data\", \"TIME\":\"2022-12-07 02:33:22\", \"VALUE\":1.001}\n" +
                "{\"NAME\":\"ndjson-data\", \"TIME\":\"2022-12-07 02:33:23\", \"VALUE\":2.002}\n")
                .getBytes(StandardCharsets.UTF_8);
            final RowLayout layout = new RowLayout(schema);
            final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(256);
            final RowBatchEncoder encoder = new RowBatchEncoder().wrap(batch, 0, layout, 1, 1);
            final NdjsonDecoder decoder = new NdjsonDecoder(new ValueBinder(Dialect.MACHBASE))
                .reset(schema, new JsonConfig(), TimeFormat.of("Default", "Local"), 0);
            assertEquals(RowDecoder.NEED_MORE, decoder.decode(new UnsafeBuffer(body), 0, body.length, encoder));
            assertEquals(RowDecoder.COMPLETE, decoder.finish(encoder));

            final ZoneId local = ZoneId.systemDefault();
            assertEquals(List.of(
                "+ NAME='ndjson-data' TIME=" + LocalDateTime.parse("2022-12-07T02:33:22").atZone(local).toInstant() +
                    " VALUE=1.001",
                "+ NAME='ndjson-data' TIME=" + LocalDateTime.parse("2022-12-07T02:33:23").atZone(local).toInstant() +
                    " VALUE=2.002"),
                RowText.rows(batch, 0, layout));
        }
        finally
        {
            TimeZone.setDefault(saved);
        }
    }
}
