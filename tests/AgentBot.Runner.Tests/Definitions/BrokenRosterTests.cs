using AgentBot.Runner.Definitions;
using AgentBot.Testing;

namespace AgentBot.Runner.Tests.Definitions;

/// <summary>
/// TestData/broken holds one file per validation rule (plus a sound agent). Every problem must be
/// reported in one pass, at the right line and column, and the sound agents must still load.
/// </summary>
public sealed class BrokenRosterTests
{
    private static readonly string Folder = RepositoryRoot.Combine("tests", "AgentBot.Runner.Tests", "TestData", "broken");

    private static readonly string[] Expected =
    [
        "allow-deny.yml:6:5: warning AB1303: tool 'Bash' is both allowed and disallowed (by 'Bash'); deny wins",
        "allow-deny.yml:7:5: warning AB1303: tool 'github.comment' is both allowed and disallowed (by 'github.*'); deny wins",
        "bad-duration.yml:4:10: error AB1107: '10 minutes' is not a duration; write e.g. 90s, 20m or 1h30m",
        "bad-duration.yml:5:8: error AB1108: 'retry' must be between 0 and 10, got 42",
        "bad-duration.yml:7:14: error AB1108: 'budget.max-turns' must be between 1 and 10000, got 0",
        "bad-duration.yml:8:3: error AB1101: unknown key 'max-cost' in 'budget'; did you mean 'max-cost-usd'?",
        "bad-enum.yml:4:7: error AB1103: invalid role 'wizard' (allowed: CEO, coder, reviewer, QA, designer, security, devops, PM, general)",
        "bad-enum.yml:5:14: error AB1103: invalid permissions 'autonmous'; did you mean 'autonomous'? (allowed: supervised, autonomous, interactive, unrestricted)",
        "bad-enum.yml:6:22: error AB1103: invalid capabilities 'email' (allowed: push, github-api, ticketing, network)",
        "bad-mcp.yml:5:5: error AB1110: an MCP server has either 'command' (stdio) or 'url' (HTTP), not both",
        "bad-mcp.yml:8:5: error AB1104: missing required key 'name' in MCP server",
        "bad-model.yml:2:8: error AB1106: 'model' must be of the form provider/model-id (e.g. openai/gpt-4.1), got 'gpt-4'",
        "bad-name.yml:1:7: error AB1105: 'name' must be lower-case letters, digits and '-', starting with a letter, got 'Bad_Name'",
        "bad-name.yml:4:8: error AB1105: 'phase' must be an identifier ([a-z][a-z0-9-]*), got 'Deploy Now'",
        "bad-skip.yml:4:21: error AB1401: invalid skip condition: '=' is not an operator; compare with '=='",
        "bad-sources.yml:5:15: error AB1111: unknown data source 'wiki' in 'reads' (expected repo, issues, pulls, checks, mcp.<server> or a domain listed in 'memory')",
        "bad-sources.yml:5:32: error AB1111: unknown data source 'mcp.docs' in 'reads'; MCP server 'docs' is not declared in 'mcp-servers'",
        "bad-sources.yml:6:10: error AB1111: unknown data source 'isues' in 'writes'; did you mean 'issues'? (expected repo, issues, pulls, checks, mcp.<server> or a domain listed in 'memory')",
        "bad-trigger.yml:5:5: error AB1109: unknown event 'pull_requests'; did you mean 'pull_request'? (allowed: issues, pull_request, pull_request_review, issue_comment, check_run, push, command)",
        "bad-trigger.yml:6:28: error AB1109: unknown action 'merged' for event 'pull_request' (allowed: opened, reopened, synchronize, ready_for_review, labeled, closed)",
        "bad-trigger.yml:7:20: error AB1109: trigger 'issues.opened' takes no value; only 'labeled' takes label names",
        "bad-trigger.yml:8:14: error AB1109: command word 'Review Now' must be one lower-case word ([a-z][a-z0-9-]*)",
        "cycle-a.yml:4:13: error AB1204: 'reports-to' forms a cycle: cycle-a -> cycle-b -> cycle-a",
        "cycle-b.yml:4:13: error AB1204: 'reports-to' forms a cycle: cycle-b -> cycle-a -> cycle-b",
        "duplicate-key.yml:4:1: error AB1003: duplicate key 'model' (first defined at 2:1)",
        "empty-prompt.yml:1:1: warning AB1501: agent runs automatically ('invocation: auto') but has an empty prompt",
        "manual-triggers.yml:6:3: warning AB1502: 'on' triggers are ignored for a manual agent; only '/agent <name>' or an 'agent:<name>' label runs it",
        "missing-model.yml:1:1: error AB1104: missing required key 'model'",
        "missing-name.yml:2:1: error AB1104: missing required key 'name'",
        "not-a-map.yml:1:1: error AB1004: an agent file must be a YAML map of keys, not a list",
        "orphan.yml:4:13: error AB1203: 'reports-to' names unknown agent 'valdi'; did you mean 'valid'?",
        "renamed.yml:1:7: warning AB1202: file name 'renamed.yml' does not match name 'another-name'; rename it to 'another-name.yml'",
        "skip-reference.yml:4:39: warning AB1402: 'skip' refers to unknown agent 'ghost'",
        "syntax-error.yml:4:8: error AB1001: invalid YAML: while scanning a plain scalar value, found invalid mapping (check the indentation)",
        "tabs.yml:5:1: error AB1002: tab character in indentation; YAML allows only spaces",
        "twin-copy.yml:1:7: error AB1201: duplicate agent name 'twin'; already defined in twin.yml:1:7",
        "unknown-key.yml:1:1: error AB1104: missing required key 'model'",
        "unknown-key.yml:2:1: error AB1101: unknown key 'modle'; did you mean 'model'?",
        "unknown-key.yml:3:1: error AB1101: unknown key 'promt'; did you mean 'prompt'?",
        "unknown-key.yml:4:1: error AB1101: unknown key 'reports_to'; did you mean 'reports-to'?",
        "unknown-key.yml:5:1: error AB1101: unknown key 'colour'",
        "unknown-tool.yml:4:15: error AB1301: unknown tool 'Bsh' in 'tools'; did you mean 'Bash'?",
        "unknown-tool.yml:4:20: error AB1301: unknown tool 'github.approve' in 'tools'",
        "unknown-tool.yml:4:36: error AB1302: tool 'mcp.jira.search' names MCP server 'jira', which is not declared in 'mcp-servers'",
        "unknown-tool.yml:4:53: error AB1301: unknown tool 'read' in 'tools'; did you mean 'Read'?",
        "wrong-type.yml:4:8: error AB1102: 'retry' must be an integer, not a string",
        "wrong-type.yml:5:9: error AB1102: 'skills' must be a list of strings (write [csharp]), not a string",
        "wrong-type.yml:6:12: error AB1102: 'isolation' must be true or false, not a string",
        "wrong-type.yml:7:9: error AB1102: 'budget' must be a map with max-turns, max-tokens or max-cost-usd, not a number",
    ];

    [Fact]
    public void Reports_every_problem_of_the_folder_in_one_pass_with_line_and_column()
    {
        var result = AgentLoader.LoadPath(Folder);

        var actual = result.Diagnostics.Select(d => d.ToString().Replace(Folder.Replace('\\', '/') + "/", string.Empty, StringComparison.Ordinal));
        Assert.Equal(Expected, actual);
    }

    [Fact]
    public void Broken_files_never_hide_the_sound_agents()
    {
        var result = AgentLoader.LoadPath(Folder);

        // Files with errors of their own are left out; warnings and errors between files do not unload an agent.
        Assert.Equal(
            ["allow-deny", "another-name", "cycle-a", "cycle-b", "empty-prompt", "manual-triggers", "orphan", "skip-reference", "twin", "valid"],
            result.Agents.Select(a => a.Name));
        Assert.Equal(43, result.ErrorCount);
        Assert.Equal(6, result.WarningCount);
    }

    [Fact]
    public void Every_rule_has_a_case()
    {
        var codes = AgentLoader.LoadPath(Folder).Diagnostics.Select(d => d.Code).ToHashSet();

        var rules = typeof(Runner.Diagnostics.DiagnosticCodes).GetFields()
            .Select(f => (string)f.GetValue(null)!)
            .Except(["AB1112", "AB1601", "AB1602"]); // duplicate entries and folder-level problems are covered in AgentLoaderTests
        Assert.Empty(rules.Except(codes));
    }
}
