package dev.comanda.api.identity;

/** What a staff password must be. BCrypt reads 72 bytes at most, so longer ones are refused, not cut. */
final class StaffPasswords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 64;

    private StaffPasswords() {}
}
