using System.Text.Json;
using AgentBot.Runner.Definitions;
using AgentBot.Runner.Tools;
using AgentBot.Testing;

namespace AgentBot.Runner.Tests.Schema;

/// <summary>schema/agent.schema.json is what editors complete from; it must say what the loader accepts.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("schema", "agent.schema.json"))).RootElement;

    private static JsonElement Def(string name) => Schema.GetProperty("$defs").GetProperty(name);

    private static IEnumerable<string> Names(JsonElement objectSchema) => objectSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    // An enum stands on the element itself or on one branch of its anyOf (role adds a case-insensitive pattern beside it).
    private static IEnumerable<string> Enum(JsonElement element) =>
        (element.TryGetProperty("enum", out var values) ? values : element.GetProperty("anyOf").EnumerateArray().First(e => e.TryGetProperty("enum", out _)).GetProperty("enum"))
            .EnumerateArray().Select(e => e.GetString()!);

    [Fact]
    public void Is_a_draft_2020_12_schema_that_refuses_unknown_keys()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        Assert.False(Schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["name", "model"], Schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Has_exactly_the_loaders_keys_each_with_a_description()
    {
        Assert.Equal(AgentKeys.All.Order(), Names(Schema).Order());
        Assert.All(Schema.GetProperty("properties").EnumerateObject(), p => Assert.True(p.Value.TryGetProperty("description", out _), $"'{p.Name}' has no description"));
        Assert.Equal(AgentKeys.BudgetKeys.Order(), Names(Schema.GetProperty("properties").GetProperty("budget")).Order());
        Assert.Equal(AgentKeys.McpServerKeys.Order(), Names(Def("mcpServer")).Order());
    }

    [Fact]
    public void Lists_the_loaders_enum_values()
    {
        var properties = Schema.GetProperty("properties");
        AssertSameNames(AgentVocabulary.Roles, Enum(properties.GetProperty("role")));
        AssertSameNames(AgentVocabulary.Efforts, Enum(properties.GetProperty("effort")));
        AssertSameNames(AgentVocabulary.Adapters, Enum(properties.GetProperty("adapter")));
        AssertSameNames(AgentVocabulary.Permissions, Enum(properties.GetProperty("permissions")));
        AssertSameNames(AgentVocabulary.Capabilities, Enum(properties.GetProperty("capabilities").GetProperty("items")));
        AssertSameNames(AgentVocabulary.Scopes, Enum(properties.GetProperty("scope")));
        AssertSameNames(AgentVocabulary.Invocations, Enum(properties.GetProperty("invocation")));
        AssertSameNames(AgentVocabulary.Behaviors, Enum(properties.GetProperty("behavior")));
    }

    [Fact]
    public void Lists_the_tool_catalogue_and_the_trigger_events()
    {
        var toolEnum = Def("toolName").GetProperty("anyOf").EnumerateArray().First(e => e.TryGetProperty("enum", out _));
        Assert.Equal(ToolCatalog.Names.Order(), Enum(toolEnum).Order());

        var triggerObject = Def("trigger").GetProperty("anyOf").EnumerateArray().First(e => e.TryGetProperty("properties", out _));
        var events = Names(triggerObject).Select(n => n.Split('.')[0]).Distinct();
        Assert.Equal(Trigger.Events.Keys.Order(), events.Order());

        foreach (var (eventName, def) in new[]
        {
            ("issues", "issueAction"), ("pull_request", "pullRequestAction"), ("pull_request_review", "pullRequestReviewAction"),
            ("issue_comment", "issueCommentAction"), ("check_run", "checkRunAction"),
        })
        {
            Assert.Equal(Trigger.Events[eventName].Order(), Enum(Def(def)).Order());
        }
    }

    private static void AssertSameNames<T>(Vocabulary<T> vocabulary, IEnumerable<string> schemaValues)
        where T : struct, System.Enum
    {
        var values = schemaValues.ToList();
        // The loader's spellings must all be offered; extra schema spellings may differ only in case.
        Assert.All(vocabulary.Names, n => Assert.Contains(n, values));
        var comparer = vocabulary.CaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        Assert.Equal(vocabulary.Names.Order(StringComparer.Ordinal), values.Distinct(comparer).Select(v => vocabulary.Names.First(n => comparer.Equals(n, v))).Order(StringComparer.Ordinal));
    }
}
