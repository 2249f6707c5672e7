package sluice.server.catalog;

import sluice.codec.schema.DefaultValue;

/** Catalog text back into {@link DefaultValue}s. */
final class Defaults
{
    private Defaults()
    {
    }

    static DefaultValue restore(final String kind, final String text)
    {
        switch (DefaultValue.Kind.valueOf(kind))
        {
            case TYPE_ZERO:
                return DefaultValue.TYPE_ZERO;
            case NOW:
                return DefaultValue.NOW;
            case CONSTANT:
                throw new UnsupportedOperationException("constant defaults arrive with Proton streams: " + text);
            default:
                return DefaultValue.NULL;
        }
    }
}
