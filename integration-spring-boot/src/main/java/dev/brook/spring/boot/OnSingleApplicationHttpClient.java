package dev.brook.spring.boot;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application defines exactly one HTTP client bean that Brook can use (of the transport
 * {@code brook.transport} names, when it is set). With none or several, Brook discovers its own transport
 * instead: guessing between two clients would pick one the application did not mean.
 */
final class OnSingleApplicationHttpClient extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        List<ApplicationHttpClient.Candidate> found = ApplicationHttpClient.find(context.getBeanFactory(),
                context.getClassLoader(), BrookAutoConfiguration.transportProperty(context.getEnvironment()));
        return found.size() == 1
                ? ConditionOutcome.match("one HTTP client bean Brook can use: " + found.get(0))
                : ConditionOutcome.noMatch(found.isEmpty() ? "no HTTP client bean Brook can use"
                        : "several HTTP client beans Brook could use: " + found);
    }
}
