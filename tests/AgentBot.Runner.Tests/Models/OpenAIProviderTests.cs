using System.Text.Json;
using System.Text.Json.Nodes;
using AgentBot.Runner.Definitions;
using Microsoft.Extensions.AI;

namespace AgentBot.Runner.Tests.Models;

/// <summary>The OpenAI adapter against the fake OpenAI, through the real OpenAI SDK.</summary>
public sealed class OpenAIProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AIFunctionDeclaration Tool(string name, string description, string schema) =>
        AIFunctionFactory.CreateDeclaration(name, description, JsonElement.Parse(schema));

    [Fact]
    public async Task A_text_answer_comes_back_with_its_usage()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Text("Hello there.", new(Input: 1200, Output: 35, Cached: 1024, Reasoning: 12));

        var response = await h.Client().GetResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct);

        Assert.Equal("Hello there.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("gpt-4.1", response.ModelId);
        Assert.Equal(1200, response.Usage?.InputTokenCount);
        Assert.Equal(35, response.Usage?.OutputTokenCount);
        Assert.Equal(1024, response.Usage?.CachedInputTokenCount);
        Assert.Equal(12, response.Usage?.ReasoningTokenCount);
        Assert.Equal(1235, response.Usage?.TotalTokenCount);
        var request = Assert.Single(h.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("gpt-4.1", (string?)request.Body?["model"]);
        Assert.Empty(h.UnexpectedRequests);
    }

    [Fact]
    public async Task Tools_are_offered_with_their_schemas_and_parallel_calls_come_back_as_function_calls()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.ToolCalls(("Read", """{"path":"a.txt"}"""), ("Grep", """{"pattern":"TODO","glob":"*.cs"}"""));
        var read = Tool("Read", "Reads a file of the workspace.", """{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}""");
        var grep = Tool("Grep", "Searches files.", """{"type":"object","properties":{"pattern":{"type":"string"},"glob":{"type":"string"}},"required":["pattern"]}""");

        var response = await h.Client().GetResponseAsync(
            [new(ChatRole.User, "Find the TODOs")], new ChatOptions { Tools = [read, grep], AllowMultipleToolCalls = true }, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["Read", "Grep"], calls.Select(c => c.Name));
        Assert.Equal("a.txt", calls[0].Arguments?["path"]?.ToString());
        Assert.Equal("*.cs", calls[1].Arguments?["glob"]?.ToString());
        Assert.Equal(2, calls.Select(c => c.CallId).Distinct().Count());
        var tools = h.Requests[0].Tools;
        Assert.Equal(["Read", "Grep"], tools.Select(t => (string?)t?["function"]?["name"]));
        Assert.All(tools, t => Assert.Equal("function", (string?)t?["type"]));
        Assert.Equal("Reads a file of the workspace.", (string?)tools[0]?["function"]?["description"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}"""), tools[0]?["function"]?["parameters"]));
        Assert.True((bool?)h.Requests[0].Body?["parallel_tool_calls"]);
    }

    [Fact]
    public async Task Tool_results_go_back_as_tool_messages_after_the_assistant_turn_that_asked()
    {
        await using var h = await ModelHarness.OpenAIAsync();
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
        Assert.Equal(["system", "user", "assistant", "tool", "tool"], messages.Select(m => (string?)m?["role"]));
        var assistantCalls = messages[2]?["tool_calls"]?.AsArray();
        Assert.Equal([calls[0].CallId, calls[1].CallId], assistantCalls!.Select(c => (string?)c?["id"]));
        Assert.Equal("""{"path":"a.txt"}""", (string?)assistantCalls![0]?["function"]?["arguments"]);
        Assert.Equal(calls[0].CallId, (string?)messages[3]?["tool_call_id"]);
        Assert.Equal("hello from a", ContentText(messages[3]));
        Assert.Equal(calls[1].CallId, (string?)messages[4]?["tool_call_id"]);
        Assert.Equal("hello from b", ContentText(messages[4]));
        Assert.Empty(h.UnexpectedRequests);
    }

    [Fact]
    public async Task The_system_prompt_is_the_first_message_with_role_system()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Text("ok");

        await h.Client().GetResponseAsync([new(ChatRole.System, "You review C#."), new(ChatRole.User, "Review this")], cancellationToken: Ct);

        var messages = h.Requests[0].Messages;
        Assert.Equal("system", (string?)messages[0]?["role"]);
        Assert.Equal("You review C#.", ContentText(messages[0]));
        Assert.Equal("user", (string?)messages[1]?["role"]);
    }

    [Theory]
    [InlineData(Effort.Low, "low")]
    [InlineData(Effort.Medium, "medium")]
    [InlineData(Effort.High, "high")]
    public async Task The_agents_effort_is_sent_as_reasoning_effort(Effort effort, string expected)
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Text("ok").Text("ok");
        var agent = ModelHarness.Agent("coder", "openai/o4-mini", effort: effort);

        await h.Registry.Create(agent).GetResponseAsync([new(ChatRole.User, "Think")], cancellationToken: Ct);
        await h.Registry.Create(agent).GetResponseAsync(
            [new(ChatRole.User, "Think less")], new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } }, Ct);

        Assert.Equal(expected, (string?)h.Requests[0].Body?["reasoning_effort"]);
        Assert.Equal("o4-mini", (string?)h.Requests[0].Body?["model"]);
        Assert.Equal("low", (string?)h.Requests[1].Body?["reasoning_effort"]);
    }

    [Fact]
    public async Task Without_effort_no_reasoning_effort_is_sent()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Text("ok");

        await h.Client().GetResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct);

        Assert.Null(h.Requests[0].Body?["reasoning_effort"]);
        Assert.Null(h.Requests[0].Body?["tools"]);
        Assert.Null(h.Requests[0].Body?["parallel_tool_calls"]);
    }

    [Fact]
    public async Task A_json_schema_response_format_and_the_output_limit_are_sent()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Json("""{"verdict":"approved","summary":"Looks good.","comments":[]}""");
        var schema = JsonElement.Parse("""{"type":"object","properties":{"verdict":{"type":"string","enum":["approved","commented","changes_requested"]},"summary":{"type":"string"}},"required":["verdict","summary"]}""");

        var response = await h.Client().GetResponseAsync(
            [new(ChatRole.User, "Review")],
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "review", "A review verdict."), MaxOutputTokens = 2000 },
            Ct);

        Assert.Equal("approved", (string?)JsonNode.Parse(response.Text)?["verdict"]);
        var body = h.Requests[0].Body;
        Assert.Equal("json_schema", (string?)body?["response_format"]?["type"]);
        Assert.Equal("review", (string?)body?["response_format"]?["json_schema"]?["name"]);
        Assert.Equal("A review verdict.", (string?)body?["response_format"]?["json_schema"]?["description"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema.GetRawText()), body?["response_format"]?["json_schema"]?["schema"]));
        Assert.Equal(2000, (int?)body?["max_completion_tokens"]);
    }

    [Fact]
    public async Task A_truncated_answer_reports_length()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Truncated("The answer is cut");

        var response = await h.Client().GetResponseAsync([new(ChatRole.User, "Write a novel")], cancellationToken: Ct);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task An_openai_compatible_endpoint_without_v1_and_without_a_key_works()
    {
        await using var fake = await AgentBot.Testing.FakeModels.FakeOpenAIServer.StartAsync(apiKey: null);
        var options = new AgentBot.Runner.Models.ModelOptions();
        options.Providers["local"] = new() { Kind = "openai-compatible", Endpoint = new Uri(fake.Endpoint.ToString().Replace("/v1", string.Empty, StringComparison.Ordinal)) };
        using var registry = new AgentBot.Runner.Models.ModelRegistry(Microsoft.Extensions.Options.Options.Create(options));
        fake.Reply.Text("local hello");

        var response = await registry.Create(new ModelReference("local", "qwen2.5-coder")).GetResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct);

        Assert.Equal("local hello", response.Text);
        Assert.Equal("/chat/completions", fake.LastRequest.Path);
        Assert.Equal("qwen2.5-coder", (string?)fake.LastRequest.Body?["model"]);
    }

    [Fact]
    public async Task Streaming_hands_on_one_ordinary_answer_as_updates()
    {
        await using var h = await ModelHarness.OpenAIAsync();
        h.Reply.Text("streamed", new(Input: 7, Output: 2));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in h.Client().GetStreamingResponseAsync([new(ChatRole.User, "Hi")], cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("streamed", response.Text);
        Assert.Equal(7, response.Usage?.InputTokenCount);
        Assert.Null(h.Requests[0].Body?["stream"]);
    }

    private static string? ContentText(JsonNode? message) => message?["content"] switch
    {
        JsonValue value => (string?)value,
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"])),
        _ => null,
    };
}
