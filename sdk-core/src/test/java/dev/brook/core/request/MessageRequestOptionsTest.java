package dev.brook.core.request;

import static dev.brook.core.request.JsonAssert.assertBody;
import static dev.brook.core.request.JsonAssert.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden JSON, validation and safety of mcp_servers, container and service_tier. */
class MessageRequestOptionsTest {
    private static final String TOKEN = "sk-oauth-SECRET-1234";

    private static MessageRequest.Builder base() {
        return MessageRequest.builder().model("claude-opus-4-6").maxTokens(1024).addUserMessage("Hi");
    }

    @Test
    void mcpServersContainerAndServiceTier() {
        MessageRequest request = base()
                .addMcpServer(McpServer.of("github", "https://mcp.example.com/sse")
                        .withAuthorizationToken(TOKEN)
                        .withAllowedTools(List.of("search_issues", "get_issue"))
                        .withToolsEnabled(true))
                .addMcpServer(McpServer.of("docs", "https://docs.example.com/mcp"))
                .container("container_011CPR5CNjB747bTd36fQLFk")
                .serviceTier(ServiceTier.standardOnly())
                .build();

        assertBody(request, true, """
                {"model":"claude-opus-4-6","max_tokens":1024,
                 "messages":[{"role":"user","content":"Hi"}],
                 "mcp_servers":[
                   {"type":"url","url":"https://mcp.example.com/sse","name":"github",
                    "authorization_token":"sk-oauth-SECRET-1234",
                    "tool_configuration":{"enabled":true,"allowed_tools":["search_issues","get_issue"]}},
                   {"type":"url","url":"https://docs.example.com/mcp","name":"docs"}],
                 "container":"container_011CPR5CNjB747bTd36fQLFk",
                 "service_tier":"standard_only",
                 "stream":true}
                """);
    }

    @Test
    void mcpServerWithToolsDisabledOnly() {
        MessageRequest request = base().mcpServers(List.of(
                McpServer.of("s", "http://localhost:8080/mcp").withToolsEnabled(false))).build();

        assertThat(tree(request.toJson(false)).get("mcp_servers")).isEqualTo(tree("""
                [{"type":"url","url":"http://localhost:8080/mcp","name":"s","tool_configuration":{"enabled":false}}]
                """));
    }

    @Test
    void eachServiceTier() {
        assertThat(tierJson(ServiceTier.auto())).isEqualTo("\"auto\"");
        assertThat(tierJson(ServiceTier.standardOnly())).isEqualTo("\"standard_only\"");
        assertThat(tierJson(ServiceTier.of("priority_v2"))).isEqualTo("\"priority_v2\"");
        assertThat(ServiceTier.of("auto")).isSameAs(ServiceTier.auto());
        assertThat(ServiceTier.of("standard_only")).isSameAs(ServiceTier.standardOnly());
        assertThat(ServiceTier.of("x")).isEqualTo(ServiceTier.of("x")).hasSameHashCodeAs(ServiceTier.of("x"));
    }

    private static String tierJson(ServiceTier tier) {
        return tree(base().serviceTier(tier).build().toJson(false)).get("service_tier").toString();
    }

    @Test
    void unsetOptionsAreOmittedAndNullRemoves() {
        MessageRequest request = base().container("c1").container(null).serviceTier(ServiceTier.auto())
                .serviceTier(null).addMcpServer(McpServer.of("s", "https://h.example/mcp")).mcpServers(List.of())
                .build();

        assertBody(request, false, """
                {"model":"claude-opus-4-6","max_tokens":1024,"messages":[{"role":"user","content":"Hi"}]}
                """);
        assertThat(request.container()).isEmpty();
        assertThat(request.serviceTier()).isEmpty();
        assertThat(request.mcpServers()).isEmpty();
    }

    @Test
    void typedFieldsClashWithExtrasOfTheSameName() {
        assertThatIllegalStateException()
                .isThrownBy(() -> base().serviceTier(ServiceTier.auto()).putExtraJson("service_tier", "\"auto\"")
                        .build())
                .withMessage("extra field 'service_tier' clashes with the service_tier set on the builder; "
                        + "remove one of them");
        assertThatIllegalStateException()
                .isThrownBy(() -> base().container("c").putExtraJson("container", "\"c\"").build())
                .withMessageStartingWith("extra field 'container' clashes");
        assertThatIllegalStateException()
                .isThrownBy(() -> base().addMcpServer(McpServer.of("s", "https://h.example/mcp"))
                        .putExtraJson("mcp_servers", "[]").build())
                .withMessageStartingWith("extra field 'mcp_servers' clashes");
    }

    @Test
    void extrasStillWorkForNamesLeftUnset() {
        MessageRequest request = base().putExtraJson("container", "{\"id\":\"c1\",\"skills\":[]}").build();

        assertThat(tree(request.toJson(false)).get("container")).isEqualTo(tree("{\"id\":\"c1\",\"skills\":[]}"));
    }

    @Test
    void toStringNeverShowsTheTokenOrTheUrlPath() {
        McpServer server = McpServer.of("github", "https://mcp.example.com/sse?key=QUERYSECRET")
                .withAuthorizationToken(TOKEN).withAllowedTools(List.of("a"));
        MessageRequest request = base().addMcpServer(server).container("c1").serviceTier(ServiceTier.auto())
                .build();

        assertThat(server.toString()).isEqualTo(
                "McpServer{github, host=mcp.example.com, authorizationToken=***, allowedTools=[a]}");
        assertThat(server.toString()).doesNotContain(TOKEN).doesNotContain("QUERYSECRET");
        assertThat(request.toString()).doesNotContain(TOKEN).doesNotContain("QUERYSECRET")
                .contains("mcpServers=1", "container", "serviceTier=auto");
        assertThat(server.authorizationToken()).contains(TOKEN);
    }

    @Test
    void mcpServerArgumentsAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> McpServer.of(" ", "https://h.example"))
                .withMessage("MCP server name is blank; pass a name such as \"github\"");
        assertThatIllegalArgumentException().isThrownBy(() -> McpServer.of("s", "mcp.example.com/sse"))
                .withMessage("MCP server url must be an absolute http(s) URL such as \"https://mcp.example.com/sse\","
                        + " was \"mcp.example.com/sse\"");
        assertThatIllegalArgumentException().isThrownBy(() -> McpServer.of("s", "ftp://h.example/x"))
                .withMessageStartingWith("MCP server url must be an absolute http(s) URL");
        assertThatIllegalArgumentException().isThrownBy(() -> McpServer.of("s", "https://h .example"))
                .withMessageStartingWith("MCP server url is not a valid URI");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> McpServer.of("s", "https://h.example").withAuthorizationToken(""))
                .withMessage("authorizationToken is blank; pass the OAuth access token for the server");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> McpServer.of("s", "https://h.example").withAllowedTools(List.of("")))
                .withMessage("allowedTools holds a blank name");
    }

    @Test
    void blankContainerAndServiceTierAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> base().container(""))
                .withMessage("container is blank; pass the id of an earlier response's container, or null for a "
                        + "new one");
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceTier.of(" "))
                .withMessage("service tier is blank; pass e.g. \"auto\" or \"standard_only\"");
    }

    @Test
    void mcpServerListsAreCopiedAndUnmodifiable() {
        List<String> tools = new ArrayList<>(List.of("a"));
        McpServer server = McpServer.of("s", "https://h.example/mcp").withAllowedTools(tools);
        List<McpServer> servers = new ArrayList<>(List.of(server));
        MessageRequest.Builder builder = base().mcpServers(servers);
        MessageRequest request = builder.build();

        tools.add("b");
        servers.add(McpServer.of("t", "https://t.example/mcp"));
        builder.addMcpServer(McpServer.of("u", "https://u.example/mcp"));

        assertThat(server.allowedTools()).contains(List.of("a"));
        assertThat(request.mcpServers()).containsExactly(server);
        assertThatThrownBy(() -> request.mcpServers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> server.allowedTools().get().add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(request.newBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
    }

    @Test
    void extraValueCanBeAnyJson() {
        MessageRequest request = base().putExtra("inference_geo", JsonValue.of("us")).build();

        assertThat(tree(request.toJson(false)).get("inference_geo").asText()).isEqualTo("us");
    }
}
