package sluice.codec.bind;

/**
 * Whose value rules a {@link ValueBinder} applies. The rules differ in small ways that clients depend on; each
 * difference is spelled out where {@link ValueBinder} branches on the dialect, citing the spec file.
 */
public enum Dialect
{
    /** spec/feldera.md and the Feldera CSV seed. */
    FELDERA,
    /** spec/proton.md "Value coercion". */
    PROTON,
    /** spec/machbase.md "Values". */
    MACHBASE
}
