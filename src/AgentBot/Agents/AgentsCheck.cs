using AgentBot.GitHub;
using AgentBot.GitHub.Models;
using AgentBot.Runner.Definitions;

namespace AgentBot.Agents;

/// <summary>
/// The validation result of agents/ as a check run on a pushed commit: every diagnostic an annotation at
/// file:line, failure on errors, neutral on warnings only, success when clean.
/// </summary>
public sealed class AgentsCheck(GitHubClientFactory github)
{
    public const string Name = "AgentBot / agents";

    public Task<CheckRun> PublishAsync(long installationId, string owner, string repo, string headSha, Roster roster, CancellationToken cancellationToken)
    {
        var result = roster.Result;
        var conclusion = result.HasErrors ? CheckConclusions.Failure : result.WarningCount > 0 ? CheckConclusions.Neutral : CheckConclusions.Success;
        var title = result.HasErrors
            ? $"{result.ErrorCount} error(s) in agents/; {result.Agents.Count} agent(s) still load"
            : $"{result.Agents.Count} agent(s) valid{(result.WarningCount > 0 ? $", {result.WarningCount} warning(s)" : string.Empty)}";
        var summary = result.Agents.Count == 0
            ? "No valid agent definitions in agents/."
            : "| agent | role | model |\n|---|---|---|\n" + string.Join('\n', result.Agents.Select(a => $"| {a.Name} | {AgentVocabulary.Roles.NameOf(a.Role)} | {a.Model} |"));
        var annotations = result.Diagnostics
            .Where(d => d.Position is not null)
            .Select(d => new CheckAnnotation(
                d.Path, d.Position!.Value.Line, d.Position.Value.Line,
                d.IsError ? AnnotationLevels.Failure : AnnotationLevels.Warning,
                d.Message, d.Code, d.Position.Value.Column, d.Position.Value.Column))
            .ToList();
        var text = result.Diagnostics.Count == 0 ? null : "```\n" + string.Join('\n', result.Diagnostics) + "\n```";
        return github.ForInstallation(installationId).Checks.CreateAsync(owner, repo, new CheckRunRequest(
            Name: Name, HeadSha: headSha, Status: CheckStatuses.Completed, Conclusion: conclusion,
            Output: new CheckRunOutput(title, summary, text, annotations)), cancellationToken);
    }
}
