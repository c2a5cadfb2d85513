using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AI = Microsoft.Extensions.AI;
using OpenAIChat = OpenAI.Chat;

// OpenAI marks its reasoning-effort level experimental; reasoning effort is the agent's
// effort (design section 2), so it is used regardless.
#pragma warning disable OPENAI001

namespace AgentBot.Runner.Models;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI SDK's chat completions (OpenAI, Azure OpenAI's v1 endpoint, and any
/// OpenAI-compatible server). The Microsoft.Extensions.AI.OpenAI package that would do this is not on the feed, so
/// this maps what the run engine uses: system, user, assistant and tool messages; function tools with their JSON
/// schemas; parallel tool calls; tool results; usage with cached and reasoning tokens; finish reasons; reasoning
/// effort; JSON schema response formats; the output limit. Streaming is not streamed: it makes one ordinary call and
/// hands the answer on as updates.
/// </summary>
public sealed class OpenAIChatClientAdapter : IChatClient
{
    private readonly OpenAIClient _client;
    private readonly string _defaultModelId;
    private readonly ConcurrentDictionary<string, ChatClient> _chatClients = new(StringComparer.Ordinal);
    private readonly ChatClientMetadata _metadata;

    public OpenAIChatClientAdapter(OpenAIClient client, string defaultModelId, Uri? endpoint = null, string providerName = "openai")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModelId);
        _client = client;
        _defaultModelId = defaultModelId;
        _metadata = new ChatClientMetadata(providerName, endpoint, defaultModelId);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var modelId = options?.ModelId ?? _defaultModelId;
        var chat = _chatClients.GetOrAdd(modelId, _client.GetChatClient);
        var result = await chat.CompleteChatAsync(ToOpenAIMessages(messages, options), ToOpenAIOptions(options, this), cancellationToken);
        return ToChatResponse(result.Value, modelId);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_client) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The OpenAI client holds no resources of its own; its HTTP transport is shared.
    }

    internal static List<OpenAIChat.ChatMessage> ToOpenAIMessages(IEnumerable<AI.ChatMessage> messages, ChatOptions? options)
    {
        var mapped = new List<OpenAIChat.ChatMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            mapped.Add(new SystemChatMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                mapped.Add(new SystemChatMessage(message.Text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                var toolCalls = message.Contents.OfType<FunctionCallContent>().Select(ToToolCall).ToList();
                var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
                if (toolCalls.Count == 0)
                {
                    mapped.Add(new AssistantChatMessage(text));
                    continue;
                }

                var assistant = new AssistantChatMessage(toolCalls);
                if (text.Length > 0)
                {
                    assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
                }

                mapped.Add(assistant);
            }
            else
            {
                // Tool results travel as one "tool" message each, whatever role the caller put them under.
                foreach (var result in message.Contents.OfType<FunctionResultContent>())
                {
                    mapped.Add(new ToolChatMessage(result.CallId, ResultText(result)));
                }

                var parts = message.Contents.Select(ToContentPart).OfType<ChatMessageContentPart>().ToList();
                if (parts.Count > 0)
                {
                    mapped.Add(new UserChatMessage(parts));
                }
            }
        }

        return mapped;
    }

    internal static ChatCompletionOptions ToOpenAIOptions(ChatOptions? options, IChatClient self)
    {
        var mapped = options?.RawRepresentationFactory?.Invoke(self) as ChatCompletionOptions ?? new ChatCompletionOptions();
        if (options is null)
        {
            return mapped;
        }

        mapped.MaxOutputTokenCount ??= options.MaxOutputTokens;
        mapped.Temperature ??= options.Temperature;
        mapped.TopP ??= options.TopP;
        mapped.FrequencyPenalty ??= options.FrequencyPenalty;
        mapped.PresencePenalty ??= options.PresencePenalty;
        mapped.Seed ??= options.Seed;
        foreach (var stop in options.StopSequences ?? [])
        {
            mapped.StopSequences.Add(stop);
        }

        foreach (var function in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            mapped.Tools.Add(ChatTool.CreateFunctionTool(
                function.Name, function.Description, BinaryData.FromString(function.JsonSchema.GetRawText()), Strict(function.AdditionalProperties)));
        }

        if (mapped.Tools.Count > 0)
        {
            // The API refuses parallel_tool_calls and tool_choice when no tools are offered.
            mapped.AllowParallelToolCalls ??= options.AllowMultipleToolCalls;
            mapped.ToolChoice ??= options.ToolMode switch
            {
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                AutoChatToolMode => ChatToolChoice.CreateAutoChoice(),
                _ => null,
            };
        }

        mapped.ResponseFormat ??= options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAIChat.ChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription, Strict(options.AdditionalProperties)),
            ChatResponseFormatJson => OpenAIChat.ChatResponseFormat.CreateJsonObjectFormat(),
            ChatResponseFormatText => OpenAIChat.ChatResponseFormat.CreateTextFormat(),
            _ => null,
        };

        mapped.ReasoningEffortLevel ??= ReasoningEffortLevel(options);
        return mapped;
    }

    /// <summary>The agent's effort as <c>reasoning_effort</c>; <c>AdditionalProperties["reasoning_effort"]</c> passes any other level a server knows.</summary>
    internal static ChatReasoningEffortLevel? ReasoningEffortLevel(ChatOptions options)
    {
        // Typed as nullable throughout: ChatReasoningEffortLevel converts implicitly from string, so a bare null
        // in a switch arm would become a level built from a null string, which throws.
        ChatReasoningEffortLevel? level = options.Reasoning?.Effort switch
        {
            ReasoningEffort.None => ChatReasoningEffortLevel.None,
            ReasoningEffort.Low => ChatReasoningEffortLevel.Low,
            ReasoningEffort.Medium => ChatReasoningEffortLevel.Medium,
            ReasoningEffort.High => ChatReasoningEffortLevel.High,
            ReasoningEffort.ExtraHigh => ChatReasoningEffortLevel.ExtraHigh,
            _ => default(ChatReasoningEffortLevel?),
        };
        if (level is null && options.AdditionalProperties?.TryGetValue("reasoning_effort", out var effort) == true && effort is string { Length: > 0 } named)
        {
            level = new ChatReasoningEffortLevel(named);
        }

        return level;
    }

    internal static ChatResponse ToChatResponse(ChatCompletion completion, string requestedModelId)
    {
        var contents = new List<AIContent>();
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }

        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            contents.Add(new TextContent(completion.Refusal));
        }

        foreach (var call in completion.ToolCalls)
        {
            var content = FunctionCallContent.CreateFromParsedArguments(call.FunctionArguments.ToString(), call.Id, call.FunctionName, ParseArguments);
            content.RawRepresentation = call;
            contents.Add(content);
        }

        var message = new AI.ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = completion.Id,
            CreatedAt = completion.CreatedAt,
            RawRepresentation = completion,
        };
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = string.IsNullOrEmpty(completion.Model) ? requestedModelId : completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = completion.FinishReason switch
            {
                OpenAIChat.ChatFinishReason.Stop => AI.ChatFinishReason.Stop,
                OpenAIChat.ChatFinishReason.Length => AI.ChatFinishReason.Length,
                OpenAIChat.ChatFinishReason.ContentFilter => AI.ChatFinishReason.ContentFilter,
                OpenAIChat.ChatFinishReason.ToolCalls or OpenAIChat.ChatFinishReason.FunctionCall => AI.ChatFinishReason.ToolCalls,
                _ => null,
            },
            Usage = completion.Usage is { } usage ? ToUsage(usage) : null,
            RawRepresentation = completion,
        };
    }

    internal static UsageDetails ToUsage(ChatTokenUsage usage) => new()
    {
        // prompt_tokens counts cached tokens too, as UsageDetails.InputTokenCount does.
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };

    private static ChatToolCall ToToolCall(FunctionCallContent call)
    {
        // A call read from an earlier answer goes back byte for byte; one built by hand is serialised.
        if (call.RawRepresentation is ChatToolCall raw && raw.Id == call.CallId)
        {
            return raw;
        }

        var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        return ChatToolCall.CreateFunctionToolCall(call.CallId, call.Name, BinaryData.FromString(arguments));
    }

    private static ChatMessageContentPart? ToContentPart(AIContent content) => content switch
    {
        TextContent text => ChatMessageContentPart.CreateTextPart(text.Text),
        DataContent { Data.Length: > 0 } data when data.HasTopLevelMediaType("image") => ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType),
        UriContent uri when uri.HasTopLevelMediaType("image") => ChatMessageContentPart.CreateImagePart(uri.Uri),
        _ => null,
    };

    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => result.Exception?.Message ?? string.Empty,
        string text => text,
        JsonElement json => json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText(),
        TextContent text => text.Text,
        var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
    };

    private static Dictionary<string, object?>? ParseArguments(string json) =>
        (Dictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>)));

    /// <summary>The key Microsoft.Extensions.AI's own OpenAI client reads to ask for strict schemas.</summary>
    private static bool? Strict(IReadOnlyDictionary<string, object?>? properties) =>
        properties?.TryGetValue("strictJsonSchema", out var value) == true && value is bool strict ? strict : null;
}
