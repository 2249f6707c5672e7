package sluice.codec.json;

import org.agrona.DirectBuffer;

/**
 * Receives {@link JsonLexer} tokens. Bytes are valid only during the call; {@code buffer} is null for tokens
 * without text (structure, literals).
 */
@FunctionalInterface
public interface JsonHandler
{
    int CONTINUE = 0;
    /** Stop tokenizing: {@link JsonLexer#parse} returns {@link JsonLexer#STOPPED}. */
    int STOP = 1;
    /** Only for START_OBJECT / START_ARRAY: deliver the whole container as one RAW token. */
    int CAPTURE = 2;
    /**
     * Only for START_OBJECT, START_ARRAY, END_OBJECT, END_ARRAY: return from {@link JsonLexer#parse} now with {@link JsonLexer#PAUSED}, so the
     * caller can read what follows another way (decoders' fast paths) and resume.
     */
    int PAUSE = 3;

    int onToken(int token, DirectBuffer buffer, int offset, int length);
}
