package dev.comanda.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.testing.DataTestSupport;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.SpringProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A null bound through Spring JDBC goes to the database without Spring first asking the driver for the
 * parameter's type ({@code spring.properties}): MySQL Connector/J answers that with an SQLException each time,
 * built with its stack trace and dropped, eight per order on the workers.
 */
class NullParametersTests extends DataTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void springIsToldNotToAskForTheTypeOfANull() {
        assertThat(SpringProperties.getFlag("spring.jdbc.getParameterType.ignore"))
                .isTrue();
    }

    @Test
    void nullsOfEveryColumnTypeAreWrittenWithoutAskingTheDriverForParameterMetadata() throws SQLException {
        var asked = new AtomicInteger();
        try (var connection = dataSource.getConnection()) {
            var client = JdbcClient.create(new SingleConnectionDataSource(counting(connection, asked), true));
            client.sql("""
                            CREATE TEMPORARY TABLE null_parameters (
                                id INT PRIMARY KEY,
                                name VARCHAR(40) NULL,
                                quantity INT NULL,
                                at DATETIME(6) NULL,
                                amount DECIMAL(12, 2) NULL,
                                data BLOB NULL)
                            """).update();

            var written = client.sql("""
                            INSERT INTO null_parameters (id, name, quantity, at, amount, data)
                            VALUES (:id, :name, :quantity, :at, :amount, :data)
                            """)
                    .param("id", 1)
                    .param("name", null)
                    .param("quantity", null)
                    .param("at", null)
                    .param("amount", null)
                    .param("data", null)
                    .update();
            var nulls = client.sql("""
                            SELECT (name IS NULL) + (quantity IS NULL) + (at IS NULL) + (amount IS NULL) + (data IS NULL)
                            FROM null_parameters
                            WHERE id = 1
                            """).query(Integer.class).single();

            assertThat(written).isOne();
            assertThat(nulls).isEqualTo(5);
            assertThat(asked).hasValue(0);
        }
    }

    /** The connection, with every statement it prepares counting the calls to getParameterMetaData. */
    private static Connection counting(Connection connection, AtomicInteger asked) {
        InvocationHandler statements = (proxy, method, args) -> {
            var result = invoke(connection, method, args);
            if (result instanceof PreparedStatement statement) {
                return Proxy.newProxyInstance(
                        NullParametersTests.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class},
                        (p, m, a) -> {
                            if (m.getName().equals("getParameterMetaData")) {
                                asked.incrementAndGet();
                            }
                            return invoke(statement, m, a);
                        });
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(
                NullParametersTests.class.getClassLoader(), new Class<?>[] {Connection.class}, statements);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
