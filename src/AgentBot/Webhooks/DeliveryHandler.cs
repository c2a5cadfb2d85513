using System.Text.Json;
using System.Text.Json.Nodes;
using AgentBot.Agents;
using AgentBot.GitHub;
using AgentBot.GitHub.Models;
using AgentBot.Jobs;
using AgentBot.Routing;
using AgentBot.Runs;
using AgentBot.Storage;
using AgentBot.Webhooks.Payloads;
using Microsoft.Extensions.Options;

namespace AgentBot.Webhooks;

/// <summary>
/// Routes one stored delivery: reads the roster from the default branch, asks the router, stores the runs with
/// the decision in the same transaction that marks the delivery routed, and schedules them. Transient failures
/// (GitHub, database) throw, and the inbox tries the delivery again later.
/// </summary>
public sealed partial class DeliveryHandler(
    RosterProvider rosters,
    AgentsCheck agentsCheck,
    GitHubClientFactory github,
    IOptions<GitHubOptions> gitHubOptions,
    Database database,
    Inbox inbox,
    RunStore runs,
    RunScheduler scheduler,
    ILogger<DeliveryHandler> logger)
{
    /// <summary>Comments carrying this are the app's own: never read as commands (provenance, not only login).</summary>
    public const string OwnMarker = "<!-- agentbot:";

    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        var payload = WebhookPayload.Parse(item.Event, item.Payload);
        var skip = payload switch
        {
            null => $"event '{item.Event}' is not used",
            { Sender.IsBot: true } => $"sender {payload.Sender.Login} is a bot; AgentBot never answers bots",
            { Installation: null } => "the delivery names no installation",
            { Repository: null } when payload is not (InstallationEvent or InstallationRepositoriesEvent) => "the delivery names no repository",
            IssueCommentEvent c when c.Comment.Body?.Contains(OwnMarker, StringComparison.Ordinal) == true => "the comment carries AgentBot's own marker",
            CheckRunEvent c when c.CheckRun.App?.Id != gitHubOptions.Value.AppId => "the check run belongs to another app",
            _ => null,
        };
        if (skip is not null)
        {
            await inbox.FinishAsync(item.DeliveryId, InboxStatus.Ignored, skip, cancellationToken: cancellationToken);
            return;
        }

        switch (payload)
        {
            case InstallationEvent or InstallationRepositoriesEvent:
                await inbox.FinishAsync(item.DeliveryId, InboxStatus.Routed, $"installation {payload!.Action}", cancellationToken: cancellationToken);
                return;
            case PushEvent push:
                await HandlePushAsync(item, push, cancellationToken);
                return;
            case IssueCommentEvent comment:
                await HandleCommentAsync(item, comment, cancellationToken);
                return;
            default:
                await RouteAsync(item, payload!, [WorkEventFactory.From(item.Event, payload!, await ChangedPathsAsync(payload!, cancellationToken))], cancellationToken);
                return;
        }
    }

    private async Task HandleCommentAsync(InboxItem item, IssueCommentEvent comment, CancellationToken cancellationToken)
    {
        var commands = AgentCommandParser.Parse(comment.Comment.Body ?? string.Empty);
        if (commands.Count == 0)
        {
            await inbox.FinishAsync(item.DeliveryId, InboxStatus.Ignored, "no /agent command", cancellationToken: cancellationToken);
            return;
        }

        var (owner, repo) = Split(comment.Repository!);
        var client = github.ForInstallation(comment.Installation!.Id);
        var sender = comment.Sender?.Login ?? comment.Comment.User?.Login ?? string.Empty;
        // Before any command does anything: only write, maintain and admin may command the agents.
        var permission = await client.Repositories.GetPermissionAsync(owner, repo, sender, cancellationToken);
        if (!permission.CanWrite)
        {
            await ReplyOnceAsync(client, owner, repo, comment.Issue.Number, $"refused:{item.DeliveryId}",
                $"Sorry @{sender}, only people with write access to this repository can give `/agent` commands. Nothing was run.", cancellationToken);
            await inbox.FinishAsync(item.DeliveryId, InboxStatus.Routed, $"refused: {sender} has {permission.Permission} permission", cancellationToken: cancellationToken);
            return;
        }

        try
        {
            await client.Issues.ReactToCommentAsync(owner, repo, comment.Comment.Id, Reactions.Eyes, cancellationToken);
        }
        catch (GitHub.Http.GitHubApiException ex) when ((int)ex.Status is >= 400 and < 500)
        {
            // The 👀 is a courtesy: a comment deleted meanwhile must not stop the command.
            Log.ReactionFailed(logger, comment.Comment.Id, ex.Message);
        }
        var paths = comment.Issue.PullRequest is not null ? await ListPathsAsync(client, owner, repo, comment.Issue.Number, cancellationToken) : [];
        await RouteAsync(item, comment, [.. commands.Select(c => WorkEventFactory.From(item.Event, comment, paths, c))], cancellationToken);
    }

    private async Task HandlePushAsync(InboxItem item, PushEvent push, CancellationToken cancellationToken)
    {
        var repository = push.Repository!;
        var touchesAgents = (push.Commits ?? []).SelectMany(c => c.Paths).Any(p => p.StartsWith("agents/", StringComparison.Ordinal));
        if (push.Branch is null || push.Branch != repository.DefaultBranch || !touchesAgents || push.Deleted || push.After is null)
        {
            await RouteAsync(item, push, [WorkEventFactory.From(item.Event, push, [])], cancellationToken);
            return;
        }

        // The roster changed on the default branch: forget the cached one and report the new one on the pushed commit.
        rosters.Invalidate(repository.FullName);
        var (owner, repo) = Split(repository);
        var roster = await rosters.GetAsync(push.Installation!.Id, owner, repo, push.After, cancellationToken);
        await agentsCheck.PublishAsync(push.Installation.Id, owner, repo, push.After, roster, cancellationToken);
        await RouteAsync(item, push, [WorkEventFactory.From(item.Event, push, [])], cancellationToken);
    }

    private async Task RouteAsync(InboxItem item, WebhookEvent payload, IReadOnlyList<WorkEvent> work, CancellationToken cancellationToken)
    {
        var repository = payload.Repository!;
        var (owner, repo) = Split(repository);
        var installationId = payload.Installation!.Id;
        var roster = await rosters.GetAsync(installationId, owner, repo, repository.DefaultBranch ?? "HEAD", cancellationToken);
        var number = work[0].Number;
        var outputs = number is { } n ? await runs.LatestOutputsAsync(repository.FullName, n, cancellationToken) : new Dictionary<string, string>();
        var decisions = work.Select(w => Router.Route(w, roster.Agents, (agent, output) => Output(outputs, agent, output))).ToList();

        foreach (var explain in decisions.Where(d => d.ExplainToUser && number is not null))
        {
            await ReplyOnceAsync(github.ForInstallation(installationId), owner, repo, number!.Value, $"routing:{item.DeliveryId}", explain.Summary, cancellationToken);
        }

        var planned = decisions.SelectMany(d => d.Runs.Select(r => (Run: r, Decision: d))).DistinctBy(p => p.Run.Agent).ToList();
        var ids = new List<long>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var group in planned.GroupBy(p => p.Decision))
            {
                var json = JsonSerializer.Serialize(group.Key, RunJsonContext.Default.RoutingDecision);
                var newRuns = group.Select(p => new NewRun(repository.FullName, installationId, number, work[0].IsPullRequest, p.Run.Agent, p.Run.DefinitionHash,
                    p.Run.Trigger, 1 + (roster.Agents.FirstOrDefault(a => a.Name == p.Run.Agent)?.Retry ?? 0))).ToList();
                ids.AddRange(await runs.CreateAsync(connection, transaction, item.DeliveryId, newRuns, json, cancellationToken));
            }

            var note = string.Join(" | ", decisions.Select(d => d.Summary));
            await inbox.FinishAsync(item.DeliveryId, InboxStatus.Routed, note.Length > 2000 ? note[..2000] : note, connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Stored first, scheduled second: a crash in between leaves queued runs the sweeper schedules on start.
        await scheduler.ScheduleAsync(ids, TimeSpan.Zero, cancellationToken);
        Log.Routed(logger, item.DeliveryId, item.Event, repository.FullName, ids.Count);
    }

    private async Task<IReadOnlyList<string>> ChangedPathsAsync(WebhookEvent payload, CancellationToken cancellationToken)
    {
        var pull = payload switch
        {
            PullRequestEvent e when e.Action != "closed" => e.PullRequest,
            PullRequestReviewEvent e => e.PullRequest,
            _ => null,
        };
        if (pull is null)
        {
            return [];
        }

        var (owner, repo) = Split(payload.Repository!);
        return await ListPathsAsync(github.ForInstallation(payload.Installation!.Id), owner, repo, pull.Number, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ListPathsAsync(GitHubClient client, string owner, string repo, int number, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        await foreach (var file in client.PullRequests.ListFilesAsync(owner, repo, number, cancellationToken))
        {
            paths.Add(file.Filename);
        }

        return paths;
    }

    /// <summary>Posts a comment once per key, even when the delivery is handled again after a crash.</summary>
    private async Task ReplyOnceAsync(GitHubClient client, string owner, string repo, int number, string key, string body, CancellationToken cancellationToken)
    {
        var marker = $"{OwnMarker}{key} -->";
        if (await client.Issues.FindCommentAsync(owner, repo, number, marker, gitHubOptions.Value.AppId, cancellationToken) is null)
        {
            await client.Issues.CreateCommentAsync(owner, repo, number, $"{body}\n\n{marker}", cancellationToken);
        }
    }

    private static object? Output(IReadOnlyDictionary<string, string> outputs, string agent, string output)
    {
        if (!outputs.TryGetValue(agent, out var json) || JsonNode.Parse(json) is not JsonObject values || values[output] is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.GetValue<double>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    private static (string Owner, string Repo) Split(WebhookRepository repository) => (repository.OwnerLogin, repository.Name);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Delivery {DeliveryId} ({Event}) on {Repository} routed: {Runs} run(s)")]
        public static partial void Routed(ILogger logger, string deliveryId, string @event, string repository, int runs);

        [LoggerMessage(2, LogLevel.Warning, "Could not react to comment {CommentId}: {Error}")]
        public static partial void ReactionFailed(ILogger logger, long commentId, string error);
    }
}
