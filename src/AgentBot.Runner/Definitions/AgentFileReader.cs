using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AgentBot.Runner.Conditions;
using AgentBot.Runner.Diagnostics;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Yaml;

namespace AgentBot.Runner.Definitions;

/// <summary>What one file yielded: the agent when the file has no error, and its name when readable.</summary>
internal sealed record AgentFileResult(
    string Path,
    AgentDefinition? Agent,
    string? Name,
    SourcePosition? NamePosition,
    IReadOnlyList<(OutputReference Reference, SourcePosition Position)> SkipReferences,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Reads one agent file, reporting every problem in it.</summary>
internal sealed partial class AgentFileReader
{
    private static readonly IReadOnlyList<string> KnownDataSources = ["repo", "issues", "pulls", "checks"];

    private readonly string _path;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);
    private List<YamlScalar> _tools = [];
    private List<YamlScalar> _disallowed = [];
    private List<YamlScalar> _reads = [];
    private List<YamlScalar> _writes = [];
    private bool _toolsDeclared;
    private YamlNode? _promptNode;
    private YamlNode? _onNode;
    private List<(OutputReference, SourcePosition)> _skipReferences = [];

    private AgentFileReader(string path) => _path = path;

    public static AgentFileResult Read(AgentSource source)
    {
        var reader = new AgentFileReader(source.Path);
        return reader.ReadFile(source.Content);
    }

    private AgentFileResult ReadFile(string content)
    {
        var documents = YamlTreeReader.Read(_path, content, _diagnostics);
        if (_diagnostics.Any(d => d.Code is DiagnosticCodes.YamlSyntax or DiagnosticCodes.TabIndentation) && documents.Count == 0)
        {
            return new AgentFileResult(_path, null, null, null, [], _diagnostics);
        }

        if (documents.Count != 1 || documents[0] is not YamlMapping root)
        {
            var at = documents.Count > 1 ? documents[1].Start : documents.Count == 1 ? documents[0].Start : SourcePosition.Start;
            Error(at, DiagnosticCodes.NotAMapping, documents.Count switch
            {
                0 => "the file is empty; an agent file holds one YAML map with at least 'name' and 'model'",
                1 => $"an agent file must be a YAML map of keys, not {documents[0].Describe()}",
                _ => $"an agent file holds one YAML document, found {documents.Count}",
            });
            return new AgentFileResult(_path, null, null, null, [], _diagnostics);
        }

        var agent = ReadAgent(root, content);
        var nameNode = root.Entries.FirstOrDefault(e => e.Key.Value == AgentKeys.Name)?.Value as YamlScalar;
        var name = agent?.Name ?? (nameNode is { IsNull: false } && IdentifierPattern().IsMatch(nameNode.Value) ? nameNode.Value : null);
        return new AgentFileResult(
            _path,
            _diagnostics.Any(d => d.IsError) ? null : agent,
            name,
            nameNode?.Start,
            _skipReferences,
            _diagnostics);
    }

    private AgentDefinition? ReadAgent(YamlMapping root, string content)
    {
        string? name = null;
        ModelReference? model = null;
        var agent = new AgentDefinition { Name = "?", Model = new ModelReference("?", "?"), SourcePath = _path, ContentHash = Hash(content) };

        foreach (var (key, value) in root.Entries.Select(e => (e.Key, e.Value)))
        {
            if (!AgentKeys.All.Contains(key.Value, StringComparer.Ordinal))
            {
                Error(key.Start, DiagnosticCodes.UnknownKey, $"unknown key '{key.Value}'{Suggestions.DidYouMean(key.Value, AgentKeys.All)}");
                continue;
            }

            _positions[key.Value] = value.Start;
            var k = key.Value;
            switch (k)
            {
                case AgentKeys.Name:
                    name = ReadName(value);
                    break;
                case AgentKeys.Model:
                    model = ReadModel(value);
                    break;
                case AgentKeys.Title:
                    agent = agent with { Title = ReadString(k, value) };
                    break;
                case AgentKeys.Description:
                    agent = agent with { Description = ReadString(k, value) };
                    break;
                case AgentKeys.Role:
                    agent = agent with { Role = ReadEnum(k, value, AgentVocabulary.Roles) ?? agent.Role };
                    break;
                case AgentKeys.Effort:
                    agent = agent with { Effort = ReadEnum(k, value, AgentVocabulary.Efforts) };
                    break;
                case AgentKeys.Adapter:
                    agent = agent with { Adapter = ReadEnum(k, value, AgentVocabulary.Adapters) ?? agent.Adapter };
                    break;
                case AgentKeys.Prompt:
                    _promptNode = value;
                    agent = agent with { Prompt = ReadPrompt(value) ?? string.Empty };
                    break;
                case AgentKeys.Persona:
                    agent = agent with { Persona = ReadString(k, value) };
                    break;
                case AgentKeys.Skills:
                    agent = agent with { Skills = ReadSkills(value) };
                    break;
                case AgentKeys.Tools:
                    _toolsDeclared = true;
                    _tools = ReadStringList(k, value, StringComparer.Ordinal) ?? [];
                    break;
                case AgentKeys.DisallowedTools:
                    _disallowed = ReadStringList(k, value, StringComparer.Ordinal) ?? [];
                    break;
                case AgentKeys.Permissions:
                    agent = agent with { Permissions = ReadEnum(k, value, AgentVocabulary.Permissions) ?? agent.Permissions };
                    break;
                case AgentKeys.Capabilities:
                    agent = agent with { Capabilities = ReadEnumList(k, value, AgentVocabulary.Capabilities) ?? [] };
                    break;
                case AgentKeys.Scope:
                    agent = agent with { Scope = ReadEnum(k, value, AgentVocabulary.Scopes) ?? agent.Scope };
                    break;
                case AgentKeys.ReportsTo:
                    agent = agent with { ReportsTo = ReadPattern(k, value, IdentifierPattern(), "an agent name ([a-z][a-z0-9-]*)") };
                    break;
                case AgentKeys.On:
                    _onNode = value;
                    agent = agent with { Triggers = TriggerReader.Read(value, Error) };
                    break;
                case AgentKeys.Invocation:
                    agent = agent with { Invocation = ReadEnum(k, value, AgentVocabulary.Invocations) ?? agent.Invocation };
                    break;
                case AgentKeys.Behavior:
                    agent = agent with { Behavior = ReadEnum(k, value, AgentVocabulary.Behaviors) ?? agent.Behavior };
                    break;
                case AgentKeys.Phase:
                    agent = agent with { Phase = ReadPattern(k, value, IdentifierPattern(), "an identifier ([a-z][a-z0-9-]*)") };
                    break;
                case AgentKeys.Outputs:
                    agent = agent with { Outputs = ReadOutputs(value) };
                    break;
                case AgentKeys.Skip:
                    agent = agent with { Skip = ReadSkip(value) };
                    break;
                case AgentKeys.Retry:
                    agent = agent with { Retry = (int)(ReadInteger(k, value, 0, 10) ?? 0) };
                    break;
                case AgentKeys.Timeout:
                    agent = agent with { Timeout = ReadDuration(k, value) };
                    break;
                case AgentKeys.Budget:
                    agent = agent with { Budget = ReadBudget(value) };
                    break;
                case AgentKeys.Credential:
                    agent = agent with { Credential = ReadPattern(k, value, CredentialPattern(), "a credential name ([A-Za-z0-9][A-Za-z0-9_.-]*)") };
                    break;
                case AgentKeys.Memory:
                    agent = agent with { Memory = ReadIdentifiers(k, value) };
                    break;
                case AgentKeys.Reads:
                    _reads = ReadStringList(k, value, StringComparer.Ordinal) ?? [];
                    break;
                case AgentKeys.Writes:
                    _writes = ReadStringList(k, value, StringComparer.Ordinal) ?? [];
                    break;
                case AgentKeys.McpServers:
                    agent = agent with { McpServers = ReadMcpServers(value) };
                    break;
                case AgentKeys.Isolation:
                    agent = agent with { Isolation = ReadBoolean(k, value) ?? agent.Isolation };
                    break;
                case AgentKeys.Background:
                    agent = agent with { Background = ReadBoolean(k, value) ?? agent.Background };
                    break;
                default:
                    throw new InvalidOperationException($"Key '{k}' is in AgentKeys.All but has no reader.");
            }
        }

        if (!_positions.ContainsKey(AgentKeys.Name))
        {
            Error(root.Start, DiagnosticCodes.MissingKey, "missing required key 'name'");
        }

        if (!_positions.ContainsKey(AgentKeys.Model))
        {
            Error(root.Start, DiagnosticCodes.MissingKey, "missing required key 'model'");
        }

        CheckTools(agent);
        var reads = CheckDataSources(AgentKeys.Reads, _reads, agent);
        var writes = CheckDataSources(AgentKeys.Writes, _writes, agent);
        CheckPromptAndInvocation(agent, root);

        if (name is null || model is null)
        {
            return null;
        }

        return agent with
        {
            Name = name,
            Model = model,
            Tools = _toolsDeclared ? [.. _tools.Select(t => t.Value)] : ToolCatalog.DefaultTools,
            DisallowedTools = [.. _disallowed.Select(t => t.Value)],
            Reads = reads,
            Writes = writes,
            Positions = _positions,
        };
    }

    private string? ReadName(YamlNode node)
    {
        var name = ReadPattern(AgentKeys.Name, node, IdentifierPattern(), "lower-case letters, digits and '-', starting with a letter");
        if (name is { Length: > 64 })
        {
            Error(node.Start, DiagnosticCodes.BadIdentifier, $"'name' must be at most 64 characters, got {name.Length}");
            return null;
        }

        return name;
    }

    private ModelReference? ReadModel(YamlNode node)
    {
        var scalar = Scalar(AgentKeys.Model, node, "a string of the form provider/model-id");
        if (scalar is null)
        {
            return null;
        }

        if (ModelReference.TryParse(scalar.Value, out var model))
        {
            return model;
        }

        Error(scalar.Start, DiagnosticCodes.BadModel, $"'model' must be of the form provider/model-id (e.g. openai/gpt-4.1), got '{scalar.Value}'");
        return null;
    }

    private string? ReadPrompt(YamlNode node)
    {
        if (node is YamlScalar { IsNull: false } scalar)
        {
            return scalar.Value;
        }

        if (node is YamlSequence)
        {
            var lines = ReadLines(node);
            return lines is null ? null : string.Join('\n', lines);
        }

        WrongType(AgentKeys.Prompt, node, "a string or a list of strings");
        return null;
    }

    // Prompt lines may repeat (blank lines, "---"), so no duplicate check here; "- " alone is a blank line.
    private List<string>? ReadLines(YamlNode node)
    {
        var lines = new List<string>();
        foreach (var item in ((YamlSequence)node).Items)
        {
            if (item is not YamlScalar line)
            {
                Error(item.Start, DiagnosticCodes.WrongType, $"each line of 'prompt' must be a string, not {item.Describe()}");
                return null;
            }

            lines.Add(line.IsNull ? string.Empty : line.Value);
        }

        return lines;
    }

    private List<string> ReadSkills(YamlNode node)
    {
        var skills = ReadStringList(AgentKeys.Skills, node, StringComparer.OrdinalIgnoreCase) ?? [];
        foreach (var skill in skills.Where(s => s.Value.Any(char.IsWhiteSpace)))
        {
            Error(skill.Start, DiagnosticCodes.BadIdentifier, $"a skill is one word without spaces, got '{skill.Value}'");
        }

        return [.. skills.Select(s => s.Value.ToLowerInvariant())];
    }

    private List<string> ReadIdentifiers(string key, YamlNode node)
    {
        var items = ReadStringList(key, node, StringComparer.Ordinal) ?? [];
        foreach (var item in items.Where(i => !IdentifierPattern().IsMatch(i.Value)))
        {
            Error(item.Start, DiagnosticCodes.BadIdentifier, $"each entry of '{key}' must be an identifier ([a-z][a-z0-9-]*), got '{item.Value}'");
        }

        return [.. items.Select(i => i.Value)];
    }

    private List<OutputField> ReadOutputs(YamlNode node)
    {
        var fields = new List<(YamlScalar Name, string? Description)>();
        switch (node)
        {
            case YamlSequence:
                fields.AddRange((ReadStringList(AgentKeys.Outputs, node, StringComparer.Ordinal) ?? []).Select(s => (s, (string?)null)));
                break;
            case YamlMapping map:
                foreach (var entry in map.Entries)
                {
                    string? description = null;
                    if (entry.Value is YamlScalar { IsNull: false } d)
                    {
                        description = d.Value;
                    }
                    else if (entry.Value is not YamlScalar { IsNull: true })
                    {
                        Error(entry.Value.Start, DiagnosticCodes.WrongType, $"the description of output '{entry.Key.Value}' must be a string, not {entry.Value.Describe()}");
                    }

                    fields.Add((entry.Key, description));
                }

                break;
            default:
                WrongType(AgentKeys.Outputs, node, "a list of names or a map of name to description");
                break;
        }

        foreach (var (field, _) in fields.Where(f => !OutputNamePattern().IsMatch(f.Name.Value)))
        {
            Error(field.Start, DiagnosticCodes.BadIdentifier, $"output name '{field.Value}' must match [a-z][a-z0-9_-]*");
        }

        return [.. fields.Select(f => new OutputField(f.Name.Value, f.Description))];
    }

    private Condition? ReadSkip(YamlNode node)
    {
        var scalar = Scalar(AgentKeys.Skip, node, "a condition string such as reviewer.verdict == \"approved\"");
        if (scalar is null)
        {
            return null;
        }

        try
        {
            var condition = ConditionParser.Parse(scalar.Value);
            _skipReferences = [.. condition.References().Select(r => (r, ConditionPosition(scalar, r.Offset)))];
            return condition;
        }
        catch (ConditionSyntaxException ex)
        {
            Error(ConditionPosition(scalar, ex.Offset), DiagnosticCodes.BadSkip, $"invalid skip condition: {ex.Message}");
            return null;
        }
    }

    /// <summary>Where character <paramref name="offset"/> of a scalar's text is, when the scalar sits on one line.</summary>
    private static SourcePosition ConditionPosition(YamlScalar scalar, int offset) =>
        scalar.IsPlain || scalar.IsQuoted ? scalar.Start with { Column = scalar.TextColumn + offset } : scalar.Start;

    private Budget ReadBudget(YamlNode node)
    {
        if (node is not YamlMapping map)
        {
            WrongType(AgentKeys.Budget, node, "a map with max-turns, max-tokens or max-cost-usd");
            return Budget.Unlimited;
        }

        var budget = Budget.Unlimited;
        foreach (var (key, value) in map.Entries.Select(e => (e.Key, e.Value)))
        {
            budget = key.Value switch
            {
                "max-turns" => budget with { MaxTurns = (int?)ReadInteger("budget.max-turns", value, 1, 10_000) },
                "max-tokens" => budget with { MaxTokens = ReadInteger("budget.max-tokens", value, 1, long.MaxValue) },
                "max-cost-usd" => budget with { MaxCostUsd = ReadPositiveDecimal("budget.max-cost-usd", value) },
                _ => UnknownSubKey(budget, "budget", key, AgentKeys.BudgetKeys),
            };
        }

        return budget;
    }

    private T UnknownSubKey<T>(T unchanged, string parent, YamlScalar key, IReadOnlyList<string> known)
    {
        Error(key.Start, DiagnosticCodes.UnknownKey, $"unknown key '{key.Value}' in '{parent}'{Suggestions.DidYouMean(key.Value, known)}");
        return unchanged;
    }

    private void CheckTools(AgentDefinition agent)
    {
        var servers = agent.McpServers.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, list) in new[] { (AgentKeys.Tools, _tools), (AgentKeys.DisallowedTools, _disallowed) })
        {
            foreach (var tool in list)
            {
                if (ToolCatalog.McpServerOf(tool.Value) is { } server)
                {
                    if (!servers.Contains(server))
                    {
                        Error(tool.Start, DiagnosticCodes.UndeclaredMcpServer, $"tool '{tool.Value}' names MCP server '{server}', which is not declared in 'mcp-servers'");
                    }
                }
                else if (!ToolCatalog.IsKnown(tool.Value))
                {
                    var hint = tool.Value.StartsWith("mcp.", StringComparison.Ordinal)
                        ? "; MCP tools are written mcp.<server>.<tool> or mcp.<server>.*"
                        : Suggestions.DidYouMean(tool.Value, ToolCatalog.Names);
                    Error(tool.Start, DiagnosticCodes.UnknownTool, $"unknown tool '{tool.Value}' in '{key}'{hint}");
                }
            }
        }

        foreach (var tool in _tools)
        {
            var deny = _disallowed.FirstOrDefault(d => ToolCatalog.Covers(d.Value, tool.Value));
            if (deny is not null)
            {
                Warning(tool.Start, DiagnosticCodes.AllowedAndDenied, $"tool '{tool.Value}' is both allowed and disallowed (by '{deny.Value}'); deny wins");
            }
        }
    }

    private List<string> CheckDataSources(string key, List<YamlScalar> sources, AgentDefinition agent)
    {
        foreach (var source in sources)
        {
            var value = source.Value;
            var ok = KnownDataSources.Contains(value, StringComparer.Ordinal)
                || agent.Memory.Contains(value, StringComparer.Ordinal)
                || (value.StartsWith("mcp.", StringComparison.Ordinal) && agent.McpServers.Any(s => "mcp." + s.Name == value));
            if (!ok)
            {
                var hint = value.StartsWith("mcp.", StringComparison.Ordinal)
                    ? $"; MCP server '{value[4..]}' is not declared in 'mcp-servers'"
                    : $"{Suggestions.DidYouMean(value, [.. KnownDataSources, .. agent.Memory])} (expected repo, issues, pulls, checks, mcp.<server> or a domain listed in 'memory')";
                Error(source.Start, DiagnosticCodes.UnknownDataSource, $"unknown data source '{value}' in '{key}'{hint}");
            }
        }

        return [.. sources.Select(s => s.Value)];
    }

    private void CheckPromptAndInvocation(AgentDefinition agent, YamlMapping root)
    {
        // Only for an otherwise sound file: after "promt: …" the empty prompt is a cascade, not news.
        if (!_diagnostics.Any(d => d.IsError) && agent.Invocation == Invocation.Auto && string.IsNullOrWhiteSpace(agent.Prompt) && string.IsNullOrWhiteSpace(agent.Persona))
        {
            Warning(_promptNode?.Start ?? root.Start, DiagnosticCodes.EmptyPrompt, "agent runs automatically ('invocation: auto') but has an empty prompt");
        }

        if (agent.Invocation == Invocation.Manual && agent.Triggers.Count > 0 && _onNode is not null)
        {
            Warning(_onNode.Start, DiagnosticCodes.ManualWithTriggers, "'on' triggers are ignored for a manual agent; only '/agent <name>' or an 'agent:<name>' label runs it");
        }
    }

    private static string Hash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
