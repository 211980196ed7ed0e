package dev.brook.core.request;

import java.util.Objects;

/**
 * The request's {@code metadata} object: {@code {"user_id":...}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param userId an opaque id of the end user (a UUID or hash; never a name, email or phone number),
 *     which helps the API detect abuse
 */
public record Metadata(String userId) {
    /**
     * @param userId an opaque id of the end user (a UUID or hash; never a name, email or phone number),
     *     which helps the API detect abuse
     * @throws IllegalArgumentException if {@code userId} is blank
     */
    public Metadata {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId is blank");
        }
    }

    /**
     * Same as {@code new Metadata(userId)}.
     *
     * @param userId an opaque id of the end user, not blank
     * @return the metadata
     * @throws IllegalArgumentException if {@code userId} is blank
     */
    public static Metadata ofUserId(String userId) {
        return new Metadata(userId);
    }

    /** Does not show the user id. */
    @Override
    public String toString() {
        return "Metadata[userId=…]";
    }
}
