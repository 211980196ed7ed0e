package dev.brook.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolValidationTest {

    @Test
    void nonPositiveLimitsAreRefusedWithTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.webSearch().maxUses(0))
                .withMessage("maxUses must be > 0, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.webFetch().maxUses(-1))
                .withMessage("maxUses must be > 0, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.webFetch().maxContentTokens(0))
                .withMessage("maxContentTokens must be > 0, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.textEditor().maxCharacters(-10))
                .withMessage("maxCharacters must be > 0, was -10");
    }

    @Test
    void allowedAndBlockedDomainsTogetherAreRefusedAtBuild() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Tool.webSearch().allowedDomains(List.of("a.com")).blockedDomains(List.of("b.com"))
                        .build())
                .withMessage("web_search takes allowed_domains or blocked_domains, not both; "
                        + "remove one of allowedDomains(...) and blockedDomains(...)");
        assertThatIllegalStateException()
                .isThrownBy(() -> Tool.webFetch().allowedDomains(List.of("a.com")).blockedDomains(List.of("b.com"))
                        .build())
                .withMessageStartingWith("web_fetch takes allowed_domains or blocked_domains, not both");
    }

    @Test
    void emptyDomainListClearsAnEarlierOne() {
        Tool.Builtin tool = Tool.webSearch().allowedDomains(List.of("a.com")).allowedDomains(List.of())
                .blockedDomains(List.of("b.com")).build();

        assertThat(tool.settings().get("allowed_domains")).isEmpty();
        assertThat(tool.settings().get("blocked_domains")).isPresent();
    }

    @Test
    void domainsWithASchemeOrBlankAreRefusedNamingTheFix() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Tool.webSearch().allowedDomains(List.of("https://example.com")))
                .withMessage("allowedDomains holds \"https://example.com\", which has a scheme; pass the host "
                        + "name only, e.g. \"example.com\"");
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.webFetch().blockedDomains(List.of(" ")))
                .withMessage("blockedDomains holds a blank domain; pass host names such as \"example.com\"");
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatNullPointerException().isThrownBy(() -> Tool.webSearch().allowedDomains(withNull))
                .withMessage("allowedDomains element");
    }

    @Test
    void blankLocationPartsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.UserLocation.approximate().withCity(""))
                .withMessage("city is blank; pass a city such as \"Lyon\"");
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.UserLocation.approximate().withCountry(" "))
                .withMessage("country is blank; pass a two-letter country code such as \"FR\"");
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.UserLocation.approximate().withTimezone(""))
                .withMessage("timezone is blank; pass an IANA zone such as \"Europe/Paris\"");
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.UserLocation.approximate().withRegion(""))
                .withMessageStartingWith("region is blank");
        assertThatNullPointerException().isThrownBy(() -> Tool.UserLocation.approximate().withCity(null))
                .withMessage("city");
    }

    @Test
    void builderIsReusableAndLaterChangesDoNotReachBuiltTools() {
        Tool.WebSearchBuilder builder = Tool.webSearch().maxUses(1);
        List<String> domains = new ArrayList<>(List.of("a.com"));
        builder.allowedDomains(domains);
        Tool.Builtin first = builder.build();

        domains.add("b.com");
        builder.maxUses(9);
        Tool.Builtin second = builder.build();

        assertThat(first.settings().toJson()).isEqualTo("{\"max_uses\":1,\"allowed_domains\":[\"a.com\"]}");
        assertThat(second.settings().toJson()).isEqualTo("{\"max_uses\":9,\"allowed_domains\":[\"a.com\"]}");
    }

    @Test
    void userLocationCopiesLeaveTheOriginal() {
        Tool.UserLocation empty = Tool.UserLocation.approximate();
        Tool.UserLocation lyon = empty.withCity("Lyon");

        assertThat(empty.city()).isEmpty();
        assertThat(lyon.city()).contains("Lyon");
        assertThat(lyon).isEqualTo(Tool.UserLocation.approximate().withCity("Lyon"));
        assertThat(lyon.toString()).isEqualTo("UserLocation{\"type\":\"approximate\",\"city\":\"Lyon\"}");
    }
}
