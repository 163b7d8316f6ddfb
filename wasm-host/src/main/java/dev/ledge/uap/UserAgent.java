package dev.ledge.uap;

/** A browser or client family and its version parts ("" when the string does not give them). */
public record UserAgent(String family, String major, String minor, String patch) {
    /** What an unrecognised user-agent string parses to. */
    public static final UserAgent OTHER = new UserAgent("Other", "", "", "");
}
