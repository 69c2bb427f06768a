package io.atrium.infra;

import java.security.SecureRandom;

/** Random secrets for demo logins and client credentials: generated, never hard-coded. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Secrets() {}

    /** A secret of {@code length} characters that is easy to read and type. */
    public static String generate(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
