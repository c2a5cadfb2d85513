using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentBot.Testing.FakeGitHub.Routes;

/// <summary>
/// Check runs with GitHub's limits enforced (50 annotations per request, 65535 characters per output field, three
/// actions with short labels), annotations accumulating across create and updates.
/// </summary>
internal static class CheckRunRoutes
{
    private const int MaxText = 65535;
    private const int MaxAnnotations = 50;
    private const int MaxActions = 3;
    private static readonly string[] Statuses = ["queued", "in_progress", "completed", "waiting", "requested", "pending"];
    private static readonly string[] Conclusions = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];
    private static readonly string[] Levels = ["notice", "warning", "failure"];

    public static void Map(IEndpointRouteBuilder routes, FakeGitHubServer server)
    {
        routes.MapPost("/repos/{owner}/{repo}/check-runs", (HttpContext context, string owner, string repo) =>
            server.WithRepository(owner, repo, r =>
            {
                var run = Apply(server, r, null, context.Fake().Object());
                r.CheckRunsById[run.Id] = run;
                return GitHubResponse.Created(CheckRunJson(server, r, run));
            }));

        routes.MapPatch("/repos/{owner}/{repo}/check-runs/{id:long}", (HttpContext context, string owner, string repo, long id) =>
            server.WithRepository(owner, repo, r =>
            {
                var existing = r.CheckRunsById.GetValueOrDefault(id) ?? throw GitHubError.NotFound(Docs.CheckRuns);
                var run = Apply(server, r, existing, context.Fake().Object()) with { Updates = existing.Updates + 1 };
                r.CheckRunsById[id] = run;
                return GitHubResponse.Ok(CheckRunJson(server, r, run));
            }));

        routes.MapGet("/repos/{owner}/{repo}/check-runs/{id:long}", (string owner, string repo, long id) =>
            server.WithRepository(owner, repo, r =>
                GitHubResponse.Ok(CheckRunJson(server, r, r.CheckRunsById.GetValueOrDefault(id) ?? throw GitHubError.NotFound(Docs.CheckRuns)))));

        routes.MapGet("/repos/{owner}/{repo}/check-runs/{id:long}/annotations", (HttpContext context, string owner, string repo, long id) =>
            server.WithRepository(owner, repo, r =>
            {
                var run = r.CheckRunsById.GetValueOrDefault(id) ?? throw GitHubError.NotFound(Docs.CheckRuns);
                return GitHubResponse.Ok(new JsonArray([.. Pagination.Page(context, server.BaseUrl, run.Annotations).Select(a => (JsonNode)AnnotationJson(r, run, a))]));
            }));

        routes.MapGet("/repos/{owner}/{repo}/commits/{reference}/check-runs", (HttpContext context, string owner, string repo, string reference) =>
            server.WithRepository(owner, repo, r =>
            {
                var sha = r.Git.ResolveCommit(RouteValue.Decode(reference)) ?? reference;
                var name = context.Request.Query["check_name"].ToString();
                var runs = r.CheckRunsById.Values
                    .Where(c => c.HeadSha == sha && (name.Length == 0 || c.Name == name))
                    .OrderByDescending(c => c.Id)
                    .ToList();
                return GitHubResponse.Ok(new JsonObject
                {
                    ["total_count"] = runs.Count,
                    ["check_runs"] = new JsonArray([.. Pagination.Page(context, server.BaseUrl, runs).Select(c => (JsonNode)CheckRunJson(server, r, c))]),
                });
            }));
    }

    private static FakeCheckRun Apply(FakeGitHubServer server, FakeRepository repository, FakeCheckRun? existing, JsonObject body)
    {
        var now = server.Time.GetUtcNow();
        var creating = existing is null;
        var name = creating ? body.RequiredString("name") : body.OptionalString("name") ?? existing!.Name;
        var headSha = existing?.HeadSha ?? body.RequiredString("head_sha");
        if (creating && repository.Git.Commit(headSha) is null && !repository.PullsByNumber.Values.Any(p => repository.HeadSha(p) == headSha))
        {
            throw GitHubError.Unprocessable($"No commit found for SHA: {headSha}", Docs.CheckRuns);
        }

        var status = body.OptionalString("status");
        if (status is not null && !Statuses.Contains(status))
        {
            throw GitHubError.InvalidRequest($"For 'properties/status', \"{status}\" is not one of {string.Join(", ", Statuses)}.", Docs.CheckRuns);
        }

        var conclusion = body.OptionalString("conclusion");
        if (conclusion is not null && !Conclusions.Contains(conclusion))
        {
            throw GitHubError.InvalidRequest($"For 'properties/conclusion', \"{conclusion}\" is not one of {string.Join(", ", Conclusions)}.", Docs.CheckRuns);
        }

        // Sending a conclusion completes the run; completing it without one is refused.
        status = conclusion is not null ? "completed" : status ?? existing?.Status ?? "queued";
        conclusion ??= existing?.Conclusion;
        if (status == "completed" && conclusion is null)
        {
            throw GitHubError.InvalidRequest("\"conclusion\" wasn't supplied.", Docs.CheckRuns);
        }

        var output = existing?.Output;
        var annotations = existing?.Annotations ?? [];
        if (body.OptionalObject("output") is { } given)
        {
            var title = creating ? given.RequiredString("title") : given.OptionalString("title") ?? output?.Title;
            var summary = given.RequiredString("summary");
            var text = given.OptionalString("text") ?? output?.Text;
            foreach (var field in (string?[])[title, summary, text])
            {
                if (field is { Length: > MaxText })
                {
                    throw GitHubError.InvalidRequest($"Only {MaxText} characters are allowed; {field.Length} were supplied.", Docs.CheckRuns);
                }
            }

            output = new FakeCheckRunOutput(title, summary, text);
            var added = given.OptionalArray("annotations")?.Objects("output/annotations").ToList() ?? [];
            if (added.Count > MaxAnnotations)
            {
                throw GitHubError.InvalidRequest($"Only {MaxAnnotations} annotations are allowed per request; {added.Count} were supplied.", Docs.CheckRuns);
            }

            annotations = [.. annotations, .. added.Select(Annotation)];
        }

        var actions = existing?.Actions ?? [];
        if (body.OptionalArray("actions") is { } requested)
        {
            if (requested.Count > MaxActions)
            {
                throw GitHubError.InvalidRequest($"Only {MaxActions} actions are allowed; {requested.Count} were supplied.", Docs.CheckRuns);
            }

            actions = [.. requested.Objects("actions").Select(Action)];
        }

        var id = existing?.Id ?? server.NextId();
        return new FakeCheckRun(
            id,
            existing?.NodeId ?? GitHubJson.NodeId("CR", id),
            name,
            headSha,
            status,
            conclusion,
            body.OptionalTime("started_at") ?? existing?.StartedAt ?? now,
            body.OptionalTime("completed_at") ?? existing?.CompletedAt ?? (status == "completed" ? now : null),
            body.OptionalString("external_id") ?? existing?.ExternalId,
            body.OptionalString("details_url") ?? existing?.DetailsUrl,
            output,
            annotations,
            actions);
    }

    private static FakeAnnotation Annotation(JsonObject annotation)
    {
        var level = annotation.RequiredString("annotation_level");
        if (!Levels.Contains(level))
        {
            throw GitHubError.InvalidRequest($"For 'properties/annotation_level', \"{level}\" is not one of {string.Join(", ", Levels)}.", Docs.CheckRuns);
        }

        return new FakeAnnotation(
            annotation.RequiredString("path"),
            annotation.OptionalInt("start_line") ?? throw JsonFields.Missing("start_line"),
            annotation.OptionalInt("end_line") ?? throw JsonFields.Missing("end_line"),
            level,
            annotation.RequiredString("message"))
        {
            StartColumn = annotation.OptionalInt("start_column"),
            EndColumn = annotation.OptionalInt("end_column"),
            Title = annotation.OptionalString("title"),
            RawDetails = annotation.OptionalString("raw_details"),
        };
    }

    private static FakeCheckRunAction Action(JsonObject action)
    {
        var label = Limited(action, "label", 20);
        var description = Limited(action, "description", 40);
        var identifier = Limited(action, "identifier", 20);
        return new FakeCheckRunAction(label, description, identifier);
    }

    private static string Limited(JsonObject body, string name, int max)
    {
        var value = body.RequiredString(name);
        return value.Length <= max
            ? value
            : throw GitHubError.InvalidRequest($"For 'properties/{name}', \"{value}\" is too long (maximum is {max} characters).", Docs.CheckRuns);
    }

    private static JsonObject CheckRunJson(FakeGitHubServer server, FakeRepository repository, FakeCheckRun run)
    {
        var url = server.ApiUrl($"repos/{repository.FullName}/check-runs/{run.Id}");
        var pulls = repository.PullsByNumber.Values.Where(p => repository.HeadSha(p) == run.HeadSha).Select(p => (JsonNode)new JsonObject
        {
            ["url"] = server.ApiUrl($"repos/{repository.FullName}/pulls/{p.Number}"),
            ["id"] = p.Id,
            ["number"] = p.Number,
            ["head"] = new JsonObject { ["ref"] = p.HeadRef, ["sha"] = repository.HeadSha(p) },
            ["base"] = new JsonObject { ["ref"] = p.BaseRef, ["sha"] = repository.BaseSha(p) },
        });
        return new JsonObject
        {
            ["id"] = run.Id,
            ["node_id"] = run.NodeId,
            ["name"] = run.Name,
            ["head_sha"] = run.HeadSha,
            ["external_id"] = run.ExternalId ?? string.Empty,
            ["url"] = url,
            ["html_url"] = $"{GitHubJson.WebUrl}{repository.FullName}/runs/{run.Id}",
            ["details_url"] = run.DetailsUrl ?? $"{GitHubJson.WebUrl}{repository.FullName}/runs/{run.Id}",
            ["status"] = run.Status,
            ["conclusion"] = run.Conclusion,
            ["started_at"] = GitHubJson.Time(run.StartedAt),
            ["completed_at"] = GitHubJson.Time(run.CompletedAt),
            ["output"] = new JsonObject
            {
                ["title"] = run.Output?.Title,
                ["summary"] = run.Output?.Summary,
                ["text"] = run.Output?.Text,
                ["annotations_count"] = run.Annotations.Count,
                ["annotations_url"] = url + "/annotations",
            },
            ["check_suite"] = new JsonObject { ["id"] = long.Parse(run.HeadSha[..Math.Min(7, run.HeadSha.Length)], NumberStyles.HexNumber, CultureInfo.InvariantCulture) },
            ["app"] = new JsonObject { ["id"] = server.App.AppId, ["slug"] = server.App.Slug, ["name"] = server.App.Name },
            ["pull_requests"] = new JsonArray([.. pulls]),
        };
    }

    private static JsonObject AnnotationJson(FakeRepository repository, FakeCheckRun run, FakeAnnotation annotation) => new()
    {
        ["path"] = annotation.Path,
        ["blob_href"] = $"{GitHubJson.WebUrl}{repository.FullName}/blob/{run.HeadSha}/{annotation.Path}",
        ["start_line"] = annotation.StartLine,
        ["end_line"] = annotation.EndLine,
        ["start_column"] = annotation.StartColumn,
        ["end_column"] = annotation.EndColumn,
        ["annotation_level"] = annotation.Level,
        ["title"] = annotation.Title,
        ["message"] = annotation.Message,
        ["raw_details"] = annotation.RawDetails,
    };
}
