package dev.comanda.client;

/** Where an order came from. */
public enum Channel {
    WEB,
    QR_MENU,
    POS,
    MARKETPLACE
}
