package dev.comanda.client;

/** Who ordered; {@code phone} is optional. */
public record Customer(String name, String email, String phone) {

    public Customer(String name, String email) {
        this(name, email, null);
    }
}
