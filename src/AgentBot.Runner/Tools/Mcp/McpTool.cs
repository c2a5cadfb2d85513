using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentBot.Runner.Tools.Mcp;

/// <summary>
/// One tool of a connected MCP server, offered as <c>mcp.&lt;server&gt;.&lt;tool&gt;</c>. It always counts as leaving
/// the workspace: we cannot know what a server does with a call, so a supervised run asks before each one.
/// </summary>
internal sealed class McpTool(McpClient client, string server, Tool tool, TimeSpan callTimeout) : ITool
{
    public string Name { get; } = McpToolSource.ToolName(server, tool.Name);

    public string Description { get; } = tool.Description ?? tool.Title ?? string.Empty;

    public JsonElement InputSchema { get; } = tool.InputSchema.Clone();

    public bool LeavesWorkspace => true;

    public async ValueTask<ToolResult> InvokeAsync(JsonElement arguments, ToolContext context, CancellationToken cancellationToken)
    {
        Dictionary<string, JsonElement>? values;
        switch (arguments.ValueKind)
        {
            case JsonValueKind.Object:
                values = arguments.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
                break;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                values = null;
                break;
            default:
                return ToolResult.Error($"the arguments of {Name} must be a JSON object, not {arguments.ValueKind.ToString().ToLowerInvariant()}");
        }

        // Our own request id, so that a call we give up on is cancelled on the server too. With ModelContextProtocol
        // 2.3.1 a cancelled token never reached the server (over stdio the tool ran on, and disposing the client waited
        // out its shutdown timeout for it), so we send notifications/cancelled ourselves.
        var requestId = new RequestId($"agentbot-{Guid.NewGuid():N}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(callTimeout);
        try
        {
            var result = await client.SendRequestAsync<CallToolRequestParams, CallToolResult>(
                RequestMethods.ToolsCall, new CallToolRequestParams { Name = tool.Name, Arguments = values }, McpJsonUtilities.DefaultOptions, requestId, timeout.Token);
            return new ToolResult(Text(result), IsError: result.IsError == true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            await CancelOnServerAsync(requestId, "timeout");
            return ToolResult.Error($"MCP server '{server}' did not answer {tool.Name} within {McpToolSource.Seconds(callTimeout)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelOnServerAsync(requestId, "the run was cancelled");
            throw;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the server or the connection did (an error response, a dead process, a broken stream, a request
            // the SDK cancelled when the transport closed), the model gets a result it can read and the run goes on;
            // only the run's own cancellation ends it.
            return ToolResult.Error($"MCP server '{server}' failed on {tool.Name}: {McpToolSource.Messages(ex)}");
        }
    }

    /// <summary>Best effort: a server that is gone or stuck needs no notification, and the run must not wait for it.</summary>
    private async Task CancelOnServerAsync(RequestId requestId, string reason)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.SendNotificationAsync(
                NotificationMethods.CancelledNotification, new CancelledNotificationParams { RequestId = requestId, Reason = reason }, McpJsonUtilities.DefaultOptions, deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException or McpException)
        {
            // Nothing to do: the call is already over for us, and a dead connection has nobody to tell.
        }
    }

    /// <summary>Text content joined; what a text-only tool result cannot carry is described in a line.</summary>
    internal static string Text(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block switch
            {
                TextContentBlock t => t.Text,
                ImageContentBlock i => Binary("image", i.MimeType, i.DecodedData.Length),
                AudioContentBlock a => Binary("audio", a.MimeType, a.DecodedData.Length),
                EmbeddedResourceBlock { Resource: TextResourceContents r } => $"[resource {r.Uri}]\n{r.Text}",
                EmbeddedResourceBlock { Resource: BlobResourceContents b } => Binary($"resource {b.Uri}", b.MimeType, b.DecodedData.Length),
                ResourceLinkBlock l => $"[link to resource {l.Uri}{(string.IsNullOrEmpty(l.Name) ? string.Empty : $" ({l.Name})")}]",
                _ => $"[{block.Type} content, not shown]",
            });
        }

        // Structured content is meant to repeat the text; it only speaks when there is no text at all.
        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(structured.GetRawText());
        }

        return text.Length == 0 ? "(the tool returned no content)" : text.ToString();
    }

    private static string Binary(string what, string? mimeType, int bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"[{what}: {mimeType ?? "unknown type"}, {bytes:N0} bytes, not shown]");
}
