/**
 * The {@code brook} command line tool: streams a reply to the terminal (from the API, or from an embedded
 * replay server when no API key is set) and decodes captured Server-Sent Events bodies. Entry point:
 * {@link dev.brook.cli.BrookCli}.
 */
package dev.brook.cli;
