using AgentBot.Runner.Definitions;
using AgentBot.Runner.Diagnostics;

namespace AgentBot.Runner.Tests.Definitions;

public sealed class AgentLoaderTests
{
    private static AgentLoadResult Load(params (string Path, string Content)[] files) =>
        AgentLoader.Load(files.Select(f => new AgentSource(f.Path, f.Content)));

    private static AgentDefinition LoadOne(string yaml)
    {
        var result = Load(("agents/a.yml", yaml));
        Assert.True(result.Diagnostics.Count == 0, string.Join('\n', result.Diagnostics));
        return Assert.Single(result.Agents);
    }

    [Fact]
    public void Reads_every_key_into_the_typed_model()
    {
        var agent = LoadOne("""
            name: a
            title: Implementer
            description: Turns issues into pull requests.
            role: Coder
            model: local/qwen2.5-coder:7b
            effort: high
            adapter: claude-code
            prompt:
              - First line.
              -
              - Third line.
            persona: Terse.
            skills: [CSharp, flutter]
            tools: [Read, Bash, github.*, mcp.docs.*]
            disallowed-tools: [github.create_review]
            permissions: autonomous
            capabilities: [push, network]
            scope: org
            on:
              - issues.labeled: [agent:coder, bug]
              - pull_request: [opened, synchronize]
              - pull_request.opened
              - push: main
              - command: implement
              - issue_comment
            invocation: auto
            behavior: blocking
            phase: implement
            outputs: [summary, verdict]
            skip: a.verdict == "approved" && !(a.summary)
            retry: 2
            timeout: 1h30m
            budget:
              max-turns: 40
              max-tokens: 400000
              max-cost-usd: 2.50
            credential: team-key
            memory: [decisions]
            reads: [repo, issues, decisions, mcp.docs]
            writes: [pulls]
            mcp-servers:
              - name: docs
                command: docs-mcp
                args: [--stdio]
                env: { LEVEL: debug }
            isolation: false
            background: true
            """);

        Assert.Equal("Implementer", agent.Title);
        Assert.Equal(AgentRole.Coder, agent.Role);
        Assert.Equal(new ModelReference("local", "qwen2.5-coder:7b"), agent.Model);
        Assert.Equal(Effort.High, agent.Effort);
        Assert.Equal(AgentAdapter.ClaudeCode, agent.Adapter);
        Assert.Equal("First line.\n\nThird line.", agent.Prompt);
        Assert.Equal("First line.\n\nThird line.\n\nTerse.", agent.SystemPrompt);
        Assert.Equal(["csharp", "flutter"], agent.Skills);
        Assert.Equal(["Read", "Bash", "github.*", "mcp.docs.*"], agent.Tools);
        Assert.Equal(["github.create_review"], agent.DisallowedTools);
        Assert.Equal(PermissionMode.Autonomous, agent.Permissions);
        Assert.Equal([Capability.Push, Capability.Network], agent.Capabilities);
        Assert.Equal(AgentScope.Org, agent.Scope);
        Assert.Equal(6, agent.Triggers.Count);
        Assert.True(agent.Triggers[0].Matches("issues", "labeled", "Agent:Coder"));
        Assert.False(agent.Triggers[0].Matches("issues", "labeled", "agent:reviewer"));
        Assert.True(agent.Triggers[1].Matches("pull_request", "synchronize"));
        Assert.False(agent.Triggers[1].Matches("pull_request", "closed"));
        Assert.True(agent.Triggers[2].Matches("pull_request", "opened"));
        Assert.True(agent.Triggers[3].Matches("push", null, "main"));
        Assert.True(agent.Triggers[4].Matches("command", null, "implement"));
        Assert.True(agent.Triggers[5].Matches("issue_comment", "edited"));
        Assert.Equal(Behavior.Blocking, agent.Behavior);
        Assert.Equal("implement", agent.Phase);
        Assert.Equal(["summary", "verdict"], agent.Outputs.Select(o => o.Name));
        Assert.NotNull(agent.Skip);
        Assert.Equal(2, agent.Retry);
        Assert.Equal(TimeSpan.FromMinutes(90), agent.Timeout);
        Assert.Equal(new Budget(40, 400_000, 2.50m), agent.Budget);
        Assert.Equal("team-key", agent.Credential);
        Assert.Equal(["decisions"], agent.Memory);
        Assert.Equal(["repo", "issues", "decisions", "mcp.docs"], agent.Reads);
        Assert.Equal(["pulls"], agent.Writes);
        var server = Assert.Single(agent.McpServers);
        Assert.Equal(("docs", "docs-mcp", "--stdio", "debug"), (server.Name, server.Command, server.Args.Single(), server.Env["LEVEL"]));
        Assert.False(agent.Isolation);
        Assert.True(agent.Background);
        Assert.Equal(new SourcePosition(5, 8), agent.Positions["model"]);
    }

    [Fact]
    public void Applies_the_documented_defaults()
    {
        var agent = LoadOne("name: a\nmodel: openai/gpt-4.1\nprompt: Do it.\n");

        Assert.Equal(AgentRole.General, agent.Role);
        Assert.Equal(AgentAdapter.Builtin, agent.Adapter);
        Assert.Equal(["Read", "Glob", "Grep"], agent.Tools);
        Assert.Equal(PermissionMode.Supervised, agent.Permissions);
        Assert.Equal(AgentScope.Repo, agent.Scope);
        Assert.Equal(Invocation.Auto, agent.Invocation);
        Assert.Equal(Behavior.Advisory, agent.Behavior);
        Assert.Equal(Budget.Unlimited, agent.Budget);
        Assert.True(agent.Isolation);
        Assert.False(agent.Background);
        Assert.Equal(0, agent.Retry);
        Assert.Null(agent.Timeout);
    }

    [Fact]
    public void An_empty_tool_list_means_no_tools_not_the_default()
    {
        var agent = LoadOne("name: a\nmodel: openai/gpt-4.1\nprompt: Think only.\ntools: []\n");

        Assert.Empty(agent.Tools);
    }

    [Fact]
    public void Content_hash_identifies_the_version_of_a_definition()
    {
        var first = LoadOne("name: a\nmodel: openai/gpt-4.1\nprompt: One.\n");
        var same = LoadOne("name: a\nmodel: openai/gpt-4.1\nprompt: One.\n");
        var changed = LoadOne("name: a\nmodel: openai/gpt-4.1\nprompt: Two.\n");

        Assert.Matches("^[0-9a-f]{64}$", first.ContentHash);
        Assert.Equal(first.ContentHash, same.ContentHash);
        Assert.NotEqual(first.ContentHash, changed.ContentHash);
    }

    [Fact]
    public void Anchors_and_aliases_are_resolved()
    {
        var agent = LoadOne("name: a\nmodel: openai/gpt-4.1\nprompt: &p Shared text.\npersona: *p\n");

        Assert.Equal("Shared text.", agent.Persona);
    }

    [Fact]
    public void Quoted_booleans_and_numbers_stay_strings()
    {
        var agent = LoadOne("name: a\nmodel: openai/gpt-4.1\nprompt: \"true\"\ntitle: 42\n");

        Assert.Equal("true", agent.Prompt);
        Assert.Equal("42", agent.Title);
    }

    [Theory]
    [InlineData("", "a.yml:1:1: error AB1004: the file is empty; an agent file holds one YAML map with at least 'name' and 'model'")]
    [InlineData("just text", "a.yml:1:1: error AB1004: an agent file must be a YAML map of keys, not a string")]
    [InlineData("name: a\nmodel: openai/x\n---\nname: b\n", "a.yml:4:1: error AB1004: an agent file holds one YAML document, found 2")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\nskills: [a, A]\n", "a.yml:4:13: warning AB1112: 'A' is listed twice in 'skills'")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\nskills: [two words]\n", "a.yml:4:10: error AB1105: a skill is one word without spaces, got 'two words'")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\ntimeout: 0s\n", "a.yml:4:10: error AB1108: 'timeout' must be more than 0s and at most 24h, got 0s")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\ntimeout: 25h\n", "a.yml:4:10: error AB1108: 'timeout' must be more than 0s and at most 24h, got 25h")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\nbudget: {max-cost-usd: -1}\n", "a.yml:4:24: error AB1108: 'budget.max-cost-usd' must be greater than 0, got -1")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\nskip: 'a.verdict == \"x'\n", "a.yml:4:21: error AB1401: invalid skip condition: unterminated string")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\non: [command]\n", "a.yml:4:6: error AB1109: 'command' needs the word that follows /agent, e.g. 'command: review'")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\non:\n  - push.main\n", "a.yml:5:5: error AB1109: 'push' takes no action; write 'push: <branch>'")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\nmcp-servers:\n  - name: x\n    url: ftp://x\n", "a.yml:6:10: error AB1110: 'url' must be an absolute http or https URL, got 'ftp://x'")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\ntools: [mcp.bad]\n", "a.yml:4:9: error AB1301: unknown tool 'mcp.bad' in 'tools'; MCP tools are written mcp.<server>.<tool> or mcp.<server>.*")]
    [InlineData("name: a\nmodel: openai/x\nprompt: p\n[x]: y\n", "a.yml:4:1: error AB1001: a key must be a plain string, not a list")]
    [InlineData("name: a\nmodel: openai/x\nprompt: *nope\n", "a.yml:3:9: error AB1001: unknown alias '*nope'")]
    public void Reports_single_file_mistakes_precisely(string yaml, string expected)
    {
        var result = Load(("a.yml", yaml));

        Assert.Equal(expected, Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void An_oversized_file_is_refused_without_parsing()
    {
        var result = Load(("a.yml", "name: a\nmodel: openai/x\nprompt: " + new string('x', AgentLoader.MaxFileBytes)));

        Assert.Equal("a.yml:1:1: error AB1004: the file is larger than 256 KiB; an agent file is a short YAML map", Assert.Single(result.Diagnostics).ToString());
        Assert.Empty(result.Agents);
    }

    [Fact]
    public void Of_two_files_with_one_name_the_one_named_after_it_wins()
    {
        var result = Load(
            ("agents/coder-old.yml", "name: coder\nmodel: openai/old\nprompt: p\n"),
            ("agents/coder.yml", "name: coder\nmodel: openai/new\nprompt: p\n"));

        Assert.Equal("openai/new", Assert.Single(result.Agents).Model.ToString());
        Assert.Equal(
            "agents/coder-old.yml:1:7: error AB1201: duplicate agent name 'coder'; already defined in agents/coder.yml:1:7",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Reports_to_an_agent_whose_file_is_broken_is_not_called_unknown()
    {
        var result = Load(
            ("agents/lead.yml", "name: lead\nmodel: nope\n"),
            ("agents/coder.yml", "name: coder\nmodel: openai/x\nprompt: p\nreports-to: lead\n"));

        Assert.Equal(["coder"], result.Agents.Select(a => a.Name));
        Assert.Equal(["AB1106"], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void A_self_report_is_a_cycle()
    {
        var result = Load(("agents/a.yml", "name: a\nmodel: openai/x\nprompt: p\nreports-to: a\n"));

        Assert.Equal("agents/a.yml:4:13: error AB1204: 'reports-to' forms a cycle: a -> a", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void A_chain_into_a_cycle_is_reported_on_the_cycle_only()
    {
        var result = Load(
            ("agents/a.yml", "name: a\nmodel: openai/x\nprompt: p\nreports-to: b\n"),
            ("agents/b.yml", "name: b\nmodel: openai/x\nprompt: p\nreports-to: c\n"),
            ("agents/c.yml", "name: c\nmodel: openai/x\nprompt: p\nreports-to: b\n"));

        Assert.Equal(["agents/b.yml", "agents/c.yml"], result.Diagnostics.Select(d => d.Path));
    }

    [Fact]
    public void Skip_may_name_a_declared_output_of_another_agent()
    {
        var result = Load(
            ("agents/reviewer.yml", "name: reviewer\nmodel: openai/x\nprompt: p\noutputs: [verdict]\n"),
            ("agents/qa.yml", "name: qa\nmodel: openai/x\nprompt: p\nskip: reviewer.verdict == 'approved' || reviewer.score > 3\n"));

        Assert.Equal(
            "agents/qa.yml:4:41: warning AB1402: 'skip' refers to output 'score' of agent 'reviewer', but it declares verdict",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void A_missing_folder_is_an_error_and_an_empty_one_a_warning()
    {
        var missing = AgentLoader.LoadPath(Path.Combine(Path.GetTempPath(), "agentbot-none-" + Guid.NewGuid().ToString("N")));
        var empty = Directory.CreateTempSubdirectory("agentbot-empty-");
        try
        {
            Assert.Equal(DiagnosticCodes.FolderNotFound, Assert.Single(missing.Diagnostics).Code);
            Assert.True(missing.HasErrors);
            var none = AgentLoader.LoadPath(empty.FullName);
            Assert.Equal(DiagnosticCodes.NoAgentFiles, Assert.Single(none.Diagnostics).Code);
            Assert.False(none.HasErrors);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
