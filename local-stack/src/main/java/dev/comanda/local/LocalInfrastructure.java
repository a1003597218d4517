package dev.comanda.local;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only the infrastructure of the local run — the Temporal dev server, and the database and Redis checked
 * (or started) as {@link LocalStack} does — so the apps can run as separate processes: the fault runs of
 * {@code reliability/} kill and restart worker processes against this one Temporal. Same
 * settings as {@link LocalComanda} ({@link LocalStackOptions#fromEnvironment()}). Run it with
 * {@code java -cp local-stack-*-exec.jar -Dloader.main=dev.comanda.local.LocalInfrastructure
 * org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class LocalInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

    private LocalInfrastructure() {}

    public static void main(String[] args) throws InterruptedException {
        var stack = LocalStack.start(LocalStackOptions.fromEnvironment());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.close();
                            stopped.countDown();
                        },
                        "infrastructure-shutdown"));
        log.info(
                "infrastructure ready: Temporal {}, database {}, Redis {}",
                stack.temporalAddress(),
                stack.jdbcUrl(),
                stack.redisUrl());
        stopped.await();
    }
}
