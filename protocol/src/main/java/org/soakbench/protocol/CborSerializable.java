package org.soakbench.protocol;

/**
 * Marker for every message that crosses the wire; bound to Jackson CBOR in {@code reference.conf}.
 * Deserialisation is restricted to implementors of this interface, so no arbitrary class can be
 * instantiated from a remote payload.
 */
public interface CborSerializable {}
