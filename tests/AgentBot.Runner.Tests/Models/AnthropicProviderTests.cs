using System.Text.Json;
using System.Text.Json.Nodes;
using AgentBot.Runner.Definitions;
using AgentBot.Runner.Models;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Tests.Models;

/// <summary>The Anthropic SDK's own IChatClient, as the registry configures it, against the fake Anthropic.</summary>
public sealed class AnthropicProviderTests
{
    private const string FakeModelsKey = AgentBot.Testing.FakeModels.FakeAnthropicServer.DefaultApiKey;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AIFunctionDeclaration Tool(string name, string description, string schema) =>
        AIFunctionFactory.CreateDeclaration(name, description, JsonElement.Parse(schema));

    [Fact]
    public async Task A_text_answer_comes_back_with_its_usage_cached_tokens_counted_as_input()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.Text("Hello there.", new(Input: 1200, Output: 35, Cached: 1024));

        var response = await h.Client().GetResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct);

        Assert.Equal("Hello there.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("claude-sonnet-4-6", response.ModelId);
        var request = Assert.Single(h.Requests);
        Assert.Equal(1200, response.Usage?.InputTokenCount);
        Assert.Equal(1024, response.Usage?.CachedInputTokenCount);
        Assert.Equal(35, response.Usage?.OutputTokenCount);
        Assert.Equal("/v1/messages", request.Path);
        // The SDK sends the key as a bearer token, not as x-api-key; the API takes either.
        Assert.Equal($"Bearer {FakeModelsKey}", request.Header("Authorization"));
        Assert.Equal("claude-sonnet-4-6", (string?)request.Body?["model"]);
        Assert.Equal(ModelRegistry.AnthropicDefaultMaxOutputTokens, (int?)request.Body?["max_tokens"]);
        Assert.Empty(h.UnexpectedRequests);
    }

    [Fact]
    public async Task The_system_prompt_goes_to_the_top_level_system_field()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.Text("ok");

        await h.Client().GetResponseAsync([new(ChatRole.System, "You review C#."), new(ChatRole.User, "Review this")], cancellationToken: Ct);

        var body = h.Requests[0].Body;
        Assert.Equal("You review C#.", SystemText(body?["system"]));
        var messages = h.Requests[0].Messages;
        Assert.Equal(["user"], messages.Select(m => (string?)m?["role"]));
    }

    [Fact]
    public async Task Tools_are_offered_with_their_schemas_and_parallel_calls_come_back_as_function_calls()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.ToolCalls(("Read", """{"path":"a.txt"}"""), ("Grep", """{"pattern":"TODO"}"""));
        var read = Tool("Read", "Reads a file of the workspace.", """{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}""");
        var grep = Tool("Grep", "Searches files.", """{"type":"object","properties":{"pattern":{"type":"string"}},"required":["pattern"]}""");

        var response = await h.Client().GetResponseAsync([new(ChatRole.User, "Find the TODOs")], new ChatOptions { Tools = [read, grep] }, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["Read", "Grep"], calls.Select(c => c.Name));
        Assert.Equal("a.txt", calls[0].Arguments?["path"]?.ToString());
        Assert.Equal(2, calls.Select(c => c.CallId).Distinct().Count());
        var tools = h.Requests[0].Tools;
        Assert.Equal(["Read", "Grep"], tools.Select(t => (string?)t?["name"]));
        Assert.Equal("Reads a file of the workspace.", (string?)tools[0]?["description"]);
        var schema = tools[0]?["input_schema"];
        Assert.Equal("object", (string?)schema?["type"]);
        Assert.Equal("string", (string?)schema?["properties"]?["path"]?["type"]);
        Assert.Equal(["path"], schema?["required"]?.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public async Task Tool_results_go_back_as_tool_result_blocks_in_a_user_message()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.ToolCalls(("Read", """{"path":"a.txt"}"""), ("Read", """{"path":"b.txt"}""")).Text("Both files say hello.");
        var client = h.Client();
        var options = new ChatOptions { Tools = [Tool("Read", "Reads a file.", """{"type":"object","properties":{"path":{"type":"string"}}}""")] };
        List<ChatMessage> conversation = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "Read a.txt and b.txt")];

        var first = await client.GetResponseAsync(conversation, options, Ct);
        conversation.AddRange(first.Messages);
        var calls = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        conversation.Add(new(ChatRole.Tool, [new FunctionResultContent(calls[0].CallId, "hello from a"), new FunctionResultContent(calls[1].CallId, "hello from b")]));
        var second = await client.GetResponseAsync(conversation, options, Ct);

        Assert.Equal("Both files say hello.", second.Text);
        var messages = h.Requests[1].Messages;
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string?)m?["role"]));
        var uses = messages[1]?["content"]?.AsArray().Where(b => (string?)b?["type"] == "tool_use").ToList();
        Assert.Equal([calls[0].CallId, calls[1].CallId], uses!.Select(u => (string?)u?["id"]));
        Assert.Equal("a.txt", (string?)uses![0]?["input"]?["path"]);
        var results = messages[2]?["content"]?.AsArray();
        Assert.Equal(["tool_result", "tool_result"], results!.Select(r => (string?)r?["type"]));
        Assert.Equal([calls[0].CallId, calls[1].CallId], results!.Select(r => (string?)r?["tool_use_id"]));
        Assert.Equal("hello from a", BlockText(results![0]?["content"]));
        Assert.Equal("You are terse.", SystemText(h.Requests[1].Body?["system"]));
        Assert.Empty(h.UnexpectedRequests);
    }

    [Theory]
    [InlineData(Effort.Low, "low")]
    [InlineData(Effort.Medium, "medium")]
    [InlineData(Effort.High, "high")]
    public async Task The_agents_effort_turns_on_adaptive_thinking_at_that_effort(Effort effort, string expected)
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.Text("ok");

        await h.Registry.Create(ModelHarness.Agent("reviewer", "anthropic/claude-sonnet-4-6", effort: effort))
            .GetResponseAsync([new(ChatRole.User, "Think")], cancellationToken: Ct);

        var body = h.Requests[0].Body;
        Assert.Equal("adaptive", (string?)body?["thinking"]?["type"]);
        Assert.Equal(expected, (string?)body?["output_config"]?["effort"]);
    }

    [Theory]
    [InlineData(Effort.Low, 1024)]
    [InlineData(Effort.Medium, 8192)]
    [InlineData(Effort.High, 16384)]
    public async Task With_extended_thinking_the_effort_becomes_a_token_budget(Effort effort, int budget)
    {
        await using var h = await ModelHarness.AnthropicAsync(p => p.Thinking = "extended");
        h.Reply.Text("ok");

        await h.Registry.Create(ModelHarness.Agent("reviewer", "anthropic/claude-3-7-sonnet-latest", effort: effort))
            .GetResponseAsync([new(ChatRole.User, "Think")], new ChatOptions { MaxOutputTokens = 32000 }, Ct);

        var body = h.Requests[0].Body;
        Assert.Equal("enabled", (string?)body?["thinking"]?["type"]);
        Assert.Equal(budget, (int?)body?["thinking"]?["budget_tokens"]);
        Assert.Equal(32000, (int?)body?["max_tokens"]);
    }

    [Fact]
    public async Task Without_effort_no_thinking_is_sent()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.Text("ok");

        await h.Client().GetResponseAsync([new(ChatRole.User, "Hi")], new ChatOptions { MaxOutputTokens = 500 }, Ct);

        Assert.Null(h.Requests[0].Body?["thinking"]);
        Assert.Null(h.Requests[0].Body?["output_config"]);
        Assert.Equal(500, (int?)h.Requests[0].Body?["max_tokens"]);
    }

    [Fact]
    public async Task A_json_schema_response_format_is_sent_as_structured_output()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.Json("""{"verdict":"approved","summary":"Looks good."}""");
        var schema = JsonElement.Parse("""{"type":"object","properties":{"verdict":{"type":"string"},"summary":{"type":"string"}},"required":["verdict","summary"]}""");

        var response = await h.Client().GetResponseAsync([new(ChatRole.User, "Review")], new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "review") }, Ct);

        Assert.Equal("approved", (string?)JsonNode.Parse(response.Text)?["verdict"]);
        var format = h.Requests[0].Body?["output_config"]?["format"];
        Assert.Equal("json_schema", (string?)format?["type"]);
        Assert.Equal("string", (string?)format?["schema"]?["properties"]?["verdict"]?["type"]);
    }

    [Fact]
    public async Task A_truncated_answer_reports_length()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.Truncated("The answer is cut");

        var response = await h.Client().GetResponseAsync([new(ChatRole.User, "Write a novel")], cancellationToken: Ct);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Streaming_is_real_and_ends_with_the_usage()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.Text("streamed answer", new(Input: 300, Output: 20, Cached: 100));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in h.Client().GetStreamingResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("streamed answer", response.Text);
        Assert.Equal(300, response.Usage?.InputTokenCount);
        Assert.Equal(100, response.Usage?.CachedInputTokenCount);
        Assert.Equal(20, response.Usage?.OutputTokenCount);
        Assert.True((bool?)h.Requests[0].Body?["stream"]);
        Assert.Empty(h.UnexpectedRequests);
    }

    [Fact]
    public async Task A_stream_is_retried_until_its_first_update()
    {
        await using var h = await ModelHarness.AnthropicAsync();
        h.Reply.Status(529).ToolCalls(("Read", """{"path":"a.txt"}"""));

        async Task<List<ChatResponseUpdate>> Collect()
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in h.Client().GetStreamingResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct))
            {
                updates.Add(update);
            }

            return updates;
        }

        var updates = await h.DriveAsync(Collect());

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("Read", call.Name);
        Assert.Equal("a.txt", call.Arguments?["path"]?.ToString());
        Assert.Equal([529, 200], h.Requests.Select(r => r.StatusCode));
    }

    private static string? SystemText(JsonNode? system) => system switch
    {
        JsonValue value => (string?)value,
        JsonArray blocks => string.Concat(blocks.Select(b => (string?)b?["text"])),
        _ => null,
    };

    private static string? BlockText(JsonNode? content) => content switch
    {
        JsonValue value => (string?)value,
        JsonArray blocks => string.Concat(blocks.Select(b => (string?)b?["text"])),
        _ => null,
    };
}
