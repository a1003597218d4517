package dev.comanda.order;

/** Where the order was placed. */
public enum Channel {
    WEB,
    QR_MENU,
    POS,
    MARKETPLACE
}
