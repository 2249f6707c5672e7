package sluice.server.proton;

/**
 * A stream column as Proton shows it (the DDL endpoint's listing, {@code DESCRIBE}): the implicit {@code _tp_time}
 * included.
 *
 * @param name              exact case (Proton names are case-sensitive).
 * @param type              the normalised Proton spelling ({@link ProtonTypes.Parsed#text()}), {@code nullable(…)}
 *                          included.
 * @param nullable          whether the column takes NULL.
 * @param defaultExpression the DEFAULT as written, e.g. {@code now64(3, 'UTC')} or {@code 'abc'}; null when none.
 */
public record ProtonColumn(String name, String type, boolean nullable, String defaultExpression)
{
}
