package dev.brook.spring.boot.sse;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A web application that relays Brook's stream to browsers: the README's Spring Boot example. */
@SpringBootApplication
public class ChatApplication {
}
