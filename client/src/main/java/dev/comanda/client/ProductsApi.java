package dev.comanda.client;

import dev.comanda.client.ProductRequests.NewProduct;
import dev.comanda.client.ProductRequests.ProductChange;
import dev.comanda.client.ProductRequests.StockChange;
import java.util.List;
import tools.jackson.core.type.TypeReference;

/** {@code /api/v1/products}: the menu for everyone, products and stock for ADMIN tokens. */
public final class ProductsApi {

    private static final String PRODUCTS = Transport.API + "/products";

    private final Transport transport;
    private final String token;

    ProductsApi(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /** The menu: every product with its price and available stock. */
    public List<Product> list() {
        return transport.call(
                "GET",
                PRODUCTS,
                Transport.headers(token),
                null,
                Transport.JSON.getTypeFactory().constructType(new TypeReference<List<Product>>() {}));
    }

    /** Creates a product (201); a SKU that exists is a 409. */
    public Product create(NewProduct product) {
        return transport.call("POST", PRODUCTS, Transport.headers(token), product, Product.class);
    }

    public Product update(String sku, ProductChange change) {
        return transport.call("PUT", PRODUCTS + "/" + sku, Transport.headers(token), change, Product.class);
    }

    public Product adjustStock(String sku, StockChange change) {
        return transport.call("POST", PRODUCTS + "/" + sku + "/stock", Transport.headers(token), change, Product.class);
    }
}
