package sluice.codec;

/** What a decoder does with a bad record. */
public enum ErrorPolicy
{
    /** Stop at the first bad record (Machbase and Proton: a request is atomic, the first bad row is reported). */
    STOP,
    /** Skip it, record the error and go on (Feldera ingests good records and reports bad ones as ParseErrors). */
    SKIP_RECORD
}
