package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.reactivestreams.tck.flow.support.PublisherVerificationRules;

/**
 * The kit's explicit list of TCK rules matches the TCK: every rule once, each named after the method it
 * calls. Reflection here only checks the list; the kit itself runs the rules through method references.
 */
class PublisherRuleTest {

    @Test
    void theListHoldsEveryRuleOfTheTckOnceInTheTcksOrder() {
        List<String> tck = Arrays.stream(PublisherVerificationRules.class.getDeclaredMethods())
                .map(Method::getName)
                .sorted()
                .collect(Collectors.toList());
        List<String> kit = PublisherRule.ALL.stream().map(PublisherRule::name).collect(Collectors.toList());
        assertThat(kit).doesNotHaveDuplicates().hasSize(38);
        assertThat(kit.stream().sorted().collect(Collectors.toList())).isEqualTo(tck);
    }

    @Test
    void eachRuleCallsTheMethodItIsNamedAfter() throws Throwable {
        List<String> called = new ArrayList<>();
        PublisherVerificationRules recorder = (PublisherVerificationRules) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {PublisherVerificationRules.class},
                (proxy, method, args) -> {
                    called.add(method.getName());
                    return null;
                });
        for (PublisherRule rule : PublisherRule.ALL) {
            called.clear();
            rule.body().run(recorder);
            assertThat(called).as(rule.name()).containsExactly(rule.name());
        }
    }

    @Test
    void theNotApplicableTablesListOnlyRulesAndGiveAReasonForEach() {
        assertThat(BodyPublisherVerification.NOT_APPLICABLE.asMap()).hasSize(14);
        assertThat(EventPublisherVerification.NOT_APPLICABLE.asMap()).hasSize(15);
        assertThat(BodyPublisherVerification.NOT_APPLICABLE.asMap().values()).allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(EventPublisherVerification.NOT_APPLICABLE.asMap().values()).allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(EventPublisherVerification.NOT_APPLICABLE.reason("required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber"))
                .isEmpty();
        assertThatThrownBy(() -> NotApplicableRules.forEveryResponseBody().with("why", "required_spec999_noSuchRule"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Not a TCK publisher rule: required_spec999_noSuchRule");
        assertThatThrownBy(() -> NotApplicableRules.forEveryResponseBody().with("why", "optional_spec111_maySupportMultiSubscribe"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Listed twice: optional_spec111_maySupportMultiSubscribe");
    }
}
