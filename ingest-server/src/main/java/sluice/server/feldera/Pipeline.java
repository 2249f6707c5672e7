package sluice.server.feldera;

import java.time.Instant;
import java.util.Map;

/**
 * A Feldera pipeline as Sluice keeps it: its program (tables and views live in the DuckDB schema named after it), its
 * deployment status and what its input connectors reported. Immutable; every change makes a new value.
 *
 * @param version         incremented by every PUT that changes the program or description.
 * @param connectorErrors connector name → the error it stopped with, empty when all loaded.
 * @param connectorsLoaded the {@code version} whose input connectors have run (0: none yet). Tables keep their rows
 *                         across stop and start here, so connectors run once per program version, not per start.
 */
record Pipeline(
    String name,
    String description,
    String programCode,
    FelderaProgram program,
    Status status,
    Instant createdAt,
    long version,
    Map<String, String> connectorErrors,
    long connectorsLoaded)
{
    /** Feldera's {@code deployment_status} values this server uses. */
    enum Status
    {
        STOPPED("Stopped"), RUNNING("Running"), PAUSED("Paused");

        final String wire;

        Status(final String wire)
        {
            this.wire = wire;
        }

        static Status fromWire(final String text)
        {
            for (final Status status : values())
            {
                if (status.wire.equals(text))
                {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown pipeline status " + text);
        }
    }

    Pipeline
    {
        connectorErrors = Map.copyOf(connectorErrors);
    }

    Pipeline withStatus(final Status newStatus)
    {
        return new Pipeline(name, description, programCode, program, newStatus, createdAt, version, connectorErrors,
            connectorsLoaded);
    }

    /** The connectors of this version have run, with these errors. */
    Pipeline withConnectorsLoaded(final Map<String, String> errors)
    {
        return new Pipeline(name, description, programCode, program, status, createdAt, version, errors, version);
    }
}
