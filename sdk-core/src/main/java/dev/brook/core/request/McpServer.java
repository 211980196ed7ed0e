package dev.brook.core.request;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote MCP server the API connects to for the request (the MCP connector): one entry of
 * {@code mcp_servers}, {@code {"type":"url","url":...,"name":...,"authorization_token":...,
 * "tool_configuration":{"enabled":...,"allowed_tools":[...]}}}.
 *
 * <pre>{@code
 * McpServer github = McpServer.of("github", "https://mcp.example.com/sse")
 *         .withAuthorizationToken(oauthToken)
 *         .withAllowedTools(List.of("search_issues"));
 * }</pre>
 *
 * <p>The MCP connector is a beta of the API: the client must send its {@code anthropic-beta} header.
 * {@code tool_configuration} belongs to the {@code mcp-client-2025-04-04} beta; the later
 * {@code mcp-client-2025-11-20} beta moves tool selection into an {@code mcp_toolset} entry of
 * {@code tools} (give it with {@link Tool#raw(String)}) and leaves only the connection here, so with that
 * beta set neither {@link #withAllowedTools} nor {@link #withToolsEnabled}.
 *
 * <p>The authorization token is a secret: {@link #toString()} never shows it, nor the URL's path or
 * query. Immutable and thread-safe; the {@code with…} methods return changed copies.
 */
public final class McpServer {
    private final String name;
    private final String url;
    private final String authorizationToken;
    private final List<String> allowedTools;
    private final Boolean toolsEnabled;

    private McpServer(String name, String url, String authorizationToken, List<String> allowedTools,
            Boolean toolsEnabled) {
        this.name = name;
        this.url = url;
        this.authorizationToken = authorizationToken;
        this.allowedTools = allowedTools;
        this.toolsEnabled = toolsEnabled;
    }

    /**
     * A server reached at {@code url}, without authorization or tool configuration.
     *
     * @param name the name tool calls refer to the server by, unique in the request
     * @param url the server's {@code http://} or {@code https://} URL (Streamable HTTP or SSE transport)
     * @return the server
     * @throws IllegalArgumentException if {@code name} is blank, or {@code url} is not an absolute HTTP(S)
     *     URL
     */
    public static McpServer of(String name, String url) {
        Checks.nonBlank(name, "MCP server name", "pass a name such as \"github\"");
        Checks.nonBlank(url, "MCP server url", "pass the server's URL such as \"https://mcp.example.com/sse\"");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MCP server url is not a valid URI: " + e.getMessage(), e);
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("MCP server url must be an absolute http(s) URL such as "
                    + "\"https://mcp.example.com/sse\", was \"" + url + "\"");
        }
        return new McpServer(name, url, null, null, null);
    }

    /**
     * A copy that sends {@code authorization_token}, an OAuth bearer token for the server. The caller
     * obtains and refreshes it; Brook only sends it, and never shows it in {@link #toString()}.
     *
     * @param token the access token
     * @return the changed copy
     * @throws IllegalArgumentException if {@code token} is blank
     */
    public McpServer withAuthorizationToken(String token) {
        Checks.nonBlank(token, "authorizationToken", "pass the OAuth access token for the server");
        return new McpServer(name, url, token, allowedTools, toolsEnabled);
    }

    /**
     * A copy that lets the model use only these of the server's tools
     * ({@code tool_configuration.allowed_tools}, copied). Default: not sent, so all tools are allowed.
     *
     * @param toolNames the tool names, e.g. {@code "search_issues"}
     * @return the changed copy
     * @throws IllegalArgumentException if a name is blank
     */
    public McpServer withAllowedTools(List<String> toolNames) {
        return new McpServer(name, url, authorizationToken, Checks.names(toolNames, "allowedTools"),
                toolsEnabled);
    }

    /**
     * A copy that sends {@code tool_configuration.enabled}; {@code false} connects the server with its
     * tools turned off. Default: not sent, so the API's default (enabled) applies.
     *
     * @param enabled whether the server's tools are enabled
     * @return the changed copy
     */
    public McpServer withToolsEnabled(boolean enabled) {
        return new McpServer(name, url, authorizationToken, allowedTools, enabled);
    }

    /** {@return the server's name} */
    public String name() {
        return name;
    }

    /** {@return the server's URL} */
    public String url() {
        return url;
    }

    /** {@return the OAuth token sent as {@code authorization_token}, if set; a secret, handle with care} */
    public Optional<String> authorizationToken() {
        return Optional.ofNullable(authorizationToken);
    }

    /** {@return the tools allowed, if restricted; unmodifiable} */
    public Optional<List<String>> allowedTools() {
        return Optional.ofNullable(allowedTools);
    }

    /** {@return the {@code tool_configuration.enabled} sent, if set} */
    public Optional<Boolean> toolsEnabled() {
        return Optional.ofNullable(toolsEnabled);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof McpServer s && name.equals(s.name) && url.equals(s.url)
                && Objects.equals(authorizationToken, s.authorizationToken)
                && Objects.equals(allowedTools, s.allowedTools) && Objects.equals(toolsEnabled, s.toolsEnabled);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url, authorizationToken, allowedTools, toolsEnabled);
    }

    /**
     * Name, host and which options are set; never the token, nor the URL's path or query, which may carry
     * credentials.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("McpServer{").append(name).append(", host=")
                .append(URI.create(url).getHost());
        if (authorizationToken != null) {
            sb.append(", authorizationToken=***");
        }
        if (allowedTools != null) {
            sb.append(", allowedTools=").append(allowedTools);
        }
        if (toolsEnabled != null) {
            sb.append(", toolsEnabled=").append(toolsEnabled);
        }
        return sb.append('}').toString();
    }
}
