package sluice.server.catalog;

import java.sql.SQLException;

/** CREATE of a table that exists (without IF NOT EXISTS). */
public final class TableExistsException extends SQLException
{
    private static final long serialVersionUID = 1L;

    public TableExistsException(final String namespace, final String name)
    {
        super("table " + namespace + "." + name + " already exists");
    }
}
