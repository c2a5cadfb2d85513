using System.Text.Json.Nodes;
using AgentBot.Testing.FakeGitHub;

namespace AgentBot.Tests.Webhooks;

/// <summary>Webhook bodies shaped as GitHub sends them, for a repository of the fake GitHub.</summary>
internal static class TestPayloads
{
    public static JsonObject Repository(FakeRepository repo) => new()
    {
        ["id"] = repo.Id,
        ["name"] = repo.Name,
        ["full_name"] = repo.FullName,
        ["private"] = false,
        ["owner"] = User(repo.Owner.Login),
        ["default_branch"] = repo.DefaultBranch,
        ["fork"] = false,
    };

    public static JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal)),
        ["type"] = login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User",
    };

    public static string IssueLabeled(FakeRepository repo, int number, string label, string sender = "alice") => new JsonObject
    {
        ["action"] = "labeled",
        ["issue"] = Issue(number, [label]),
        ["label"] = new JsonObject { ["name"] = label },
        ["repository"] = Repository(repo),
        ["sender"] = User(sender),
        ["installation"] = new JsonObject { ["id"] = 1 },
    }.ToJsonString();

    public static string Comment(FakeRepository repo, int number, string body, string sender = "alice", long commentId = 7001, bool onPullRequest = false) => new JsonObject
    {
        ["action"] = "created",
        ["issue"] = Issue(number, [], onPullRequest),
        ["comment"] = new JsonObject { ["id"] = commentId, ["body"] = body, ["user"] = User(sender) },
        ["repository"] = Repository(repo),
        ["sender"] = User(sender),
        ["installation"] = new JsonObject { ["id"] = 1 },
    }.ToJsonString();

    public static string PullRequest(FakeRepository repo, int number, string action = "opened", string head = "feature", string sender = "alice") => new JsonObject
    {
        ["action"] = action,
        ["number"] = number,
        ["pull_request"] = new JsonObject
        {
            ["number"] = number,
            ["title"] = "A change",
            ["body"] = "Please review",
            ["draft"] = false,
            ["state"] = "open",
            ["user"] = User(sender),
            ["labels"] = new JsonArray(),
            ["head"] = new JsonObject { ["ref"] = head, ["sha"] = new string('a', 40), ["repo"] = Repository(repo) },
            ["base"] = new JsonObject { ["ref"] = repo.DefaultBranch, ["sha"] = new string('b', 40), ["repo"] = Repository(repo) },
        },
        ["repository"] = Repository(repo),
        ["sender"] = User(sender),
        ["installation"] = new JsonObject { ["id"] = 1 },
    }.ToJsonString();

    public static string Push(FakeRepository repo, string after, params string[] modified) => new JsonObject
    {
        ["ref"] = $"refs/heads/{repo.DefaultBranch}",
        ["before"] = new string('0', 40),
        ["after"] = after,
        ["commits"] = new JsonArray(new JsonObject
        {
            ["id"] = after,
            ["added"] = new JsonArray(),
            ["removed"] = new JsonArray(),
            ["modified"] = new JsonArray([.. modified.Select(m => (JsonNode)JsonValue.Create(m))]),
        }),
        ["repository"] = Repository(repo),
        ["sender"] = User("alice"),
        ["installation"] = new JsonObject { ["id"] = 1 },
    }.ToJsonString();

    private static JsonObject Issue(int number, string[] labels, bool pullRequest = false)
    {
        var issue = new JsonObject
        {
            ["number"] = number,
            ["title"] = "Add a health check",
            ["body"] = "Please add /healthz",
            ["state"] = "open",
            ["user"] = User("alice"),
            ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject { ["name"] = l })]),
        };
        if (pullRequest)
        {
            issue["pull_request"] = new JsonObject { ["url"] = "https://api.github.com/pulls/1" };
        }

        return issue;
    }
}
