package io.wirehub.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the annotated test class against a Wirehub server on a free loopback port. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WirehubExtension.class)
public @interface WirehubTest {
    /**
     * With JetStream on ({@code -js}), its store in a temporary directory that is deleted with
     * the server.
     */
    boolean jetstream() default false;
}
