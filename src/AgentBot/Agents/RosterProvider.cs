using System.Collections.Concurrent;
using AgentBot.GitHub;
using AgentBot.Runner.Definitions;

namespace AgentBot.Agents;

/// <summary>
/// Loads a repository's agents from its default branch through the GitHub API — never from a pull request's
/// head, so a pull request cannot rewrite the agent that reviews it. Cached by the tree SHA of agents/: a
/// push to the default branch that touches agents/ invalidates the entry, and after <see cref="Revalidate"/>
/// one cheap conditional request confirms the folder is unchanged.
/// </summary>
public sealed partial class RosterProvider(GitHubClientFactory github, TimeProvider time, ILogger<RosterProvider> logger)
{
    public static readonly TimeSpan Revalidate = TimeSpan.FromMinutes(5);
    private const string Folder = "agents";

    private readonly ConcurrentDictionary<string, Roster> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="reference">The default branch (or, after a push, the pushed commit on it).</param>
    public async Task<Roster> GetAsync(long installationId, string owner, string repo, string reference, CancellationToken cancellationToken)
    {
        var key = $"{owner}/{repo}";
        if (_cache.TryGetValue(key, out var cached) && time.GetUtcNow() - cached.LoadedAt < Revalidate)
        {
            return cached;
        }

        var client = github.ForInstallation(installationId);
        var root = await client.Git.GetTreeAsync(owner, repo, reference, recursive: false, cancellationToken);
        var agentsTree = root.Tree.FirstOrDefault(e => e.Path == Folder && e.Type == "tree")?.Sha;
        if (cached is not null && cached.AgentsTreeSha == agentsTree)
        {
            return _cache[key] = cached with { LoadedAt = time.GetUtcNow() };
        }

        var sources = new List<AgentSource>();
        if (agentsTree is not null)
        {
            var folder = await client.Git.GetTreeAsync(owner, repo, agentsTree, recursive: false, cancellationToken);
            var files = folder.Tree.Where(e => e.Type == "blob" && e.Sha is not null && AgentLoader.IsAgentFile(e.Path)).ToList();
            var contents = await Task.WhenAll(files.Select(async f =>
                new AgentSource($"{Folder}/{f.Path}", System.Text.Encoding.UTF8.GetString(await client.Git.GetBlobAsync(owner, repo, f.Sha!, cancellationToken)))));
            sources.AddRange(contents);
        }

        var roster = new Roster(key, reference, agentsTree, AgentLoader.Load(sources), time.GetUtcNow());
        _cache[key] = roster;
        Log.Loaded(logger, key, reference, roster.Agents.Count, roster.Result.ErrorCount);
        return roster;
    }

    /// <summary>Forgets a repository's roster (a push changed agents/ on its default branch).</summary>
    public void Invalidate(string repository) => _cache.TryRemove(repository, out _);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Roster of {Repository} at {Reference}: {Agents} agents, {Errors} errors")]
        public static partial void Loaded(ILogger logger, string repository, string reference, int agents, int errors);
    }
}
