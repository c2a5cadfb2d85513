using AgentBot.Runner.Diagnostics;
using AgentBot.Runner.Yaml;

namespace AgentBot.Runner.Definitions;

internal sealed partial class AgentFileReader
{
    private List<McpServerDefinition> ReadMcpServers(YamlNode node)
    {
        if (node is not YamlSequence sequence)
        {
            WrongType(AgentKeys.McpServers, node, "a list of servers, each with 'name' and either 'command' or 'url'");
            return [];
        }

        var servers = new List<McpServerDefinition>();
        foreach (var item in sequence.Items)
        {
            if (item is not YamlMapping map)
            {
                Error(item.Start, DiagnosticCodes.BadMcpServer, $"each MCP server must be a map with 'name' and either 'command' or 'url', not {item.Describe()}");
                continue;
            }

            if (ReadMcpServer(map) is { } server)
            {
                if (servers.Any(s => s.Name == server.Name))
                {
                    Error(map.Start, DiagnosticCodes.BadMcpServer, $"MCP server '{server.Name}' is declared twice");
                    continue;
                }

                servers.Add(server);
            }
        }

        return servers;
    }

    private McpServerDefinition? ReadMcpServer(YamlMapping map)
    {
        string? name = null, command = null;
        Uri? url = null;
        IReadOnlyList<string> args = [];
        IReadOnlyDictionary<string, string> env = new Dictionary<string, string>();
        IReadOnlyDictionary<string, string> headers = new Dictionary<string, string>();
        var errors = _diagnostics.Count(d => d.IsError);
        foreach (var (key, value) in map.Entries.Select(e => (e.Key, e.Value)))
        {
            switch (key.Value)
            {
                case "name":
                    name = ReadPattern("mcp-servers.name", value, IdentifierPattern(), "an identifier ([a-z][a-z0-9-]*)");
                    break;
                case "command":
                    command = ReadString("mcp-servers.command", value);
                    break;
                case "args":
                    args = ReadLinesOf("mcp-servers.args", value);
                    break;
                case "env":
                    env = ReadStringMap("mcp-servers.env", value) ?? env;
                    break;
                case "headers":
                    headers = ReadStringMap("mcp-servers.headers", value) ?? headers;
                    break;
                case "url":
                    var text = ReadString("mcp-servers.url", value);
                    if (text is not null && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
                    {
                        Error(value.Start, DiagnosticCodes.BadMcpServer, $"'url' must be an absolute http or https URL, got '{text}'");
                        url = null;
                    }

                    break;
                default:
                    UnknownSubKey(0, "mcp-servers", key, AgentKeys.McpServerKeys);
                    break;
            }
        }

        if (!map.Entries.Any(e => e.Key.Value == "name"))
        {
            Error(map.Start, DiagnosticCodes.MissingKey, "missing required key 'name' in MCP server");
        }

        var hasCommand = map.Entries.Any(e => e.Key.Value == "command");
        var hasUrl = map.Entries.Any(e => e.Key.Value == "url");
        if (hasCommand == hasUrl)
        {
            Error(map.Start, DiagnosticCodes.BadMcpServer, hasCommand
                ? "an MCP server has either 'command' (stdio) or 'url' (HTTP), not both"
                : "an MCP server needs 'command' (stdio) or 'url' (HTTP)");
        }
        else if (hasUrl && map.Entries.Any(e => e.Key.Value is "args" or "env"))
        {
            Error(map.Start, DiagnosticCodes.BadMcpServer, "'args' and 'env' apply to a 'command' server, not a 'url' one");
        }
        else if (hasCommand && map.Entries.Any(e => e.Key.Value == "headers"))
        {
            Error(map.Start, DiagnosticCodes.BadMcpServer, "'headers' apply to a 'url' server, not a 'command' one");
        }

        return name is null || _diagnostics.Count(d => d.IsError) > errors
            ? null
            : new McpServerDefinition(name, command, args, env, url, headers);
    }

    private List<string> ReadLinesOf(string key, YamlNode node)
    {
        if (node is not YamlSequence sequence || sequence.Items.Any(i => i is not YamlScalar { IsNull: false }))
        {
            WrongType(key, node, "a list of strings");
            return [];
        }

        return [.. sequence.Items.Cast<YamlScalar>().Select(s => s.Value)];
    }
}
