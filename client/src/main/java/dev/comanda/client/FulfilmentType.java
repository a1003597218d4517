package dev.comanda.client;

public enum FulfilmentType {
    DELIVERY,
    TAKEAWAY,
    DINE_IN
}
