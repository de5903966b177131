package org.soakbench.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One attempt of one split, by number: what a worker started or hands back. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"job", "attempt"})
public record JobAttempt(int job, int attempt) implements CborSerializable {}
