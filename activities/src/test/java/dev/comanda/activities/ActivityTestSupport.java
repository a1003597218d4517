package dev.comanda.activities;

import dev.comanda.testing.DataTestApplication;
import dev.comanda.testing.DataTestSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Base of the suites of the inventory and read-model activities: the persistence module as the apps wire
 * it, plus those activities' beans, in one context (and so one database) shared by all of them.
 */
@SpringBootTest(classes = {DataTestApplication.class, ActivityTestSupport.InventoryAndReadModel.class})
public abstract class ActivityTestSupport extends DataTestSupport {

    @Configuration
    @ComponentScan({"dev.comanda.activities.inventory", "dev.comanda.activities.order"})
    static class InventoryAndReadModel {}
}
