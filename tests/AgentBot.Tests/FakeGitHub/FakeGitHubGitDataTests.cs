using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentBot.Testing;
using AgentBot.Testing.FakeGitHub;

namespace AgentBot.Tests.FakeGitHub;

public sealed class FakeGitHubGitDataTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_committed_file_is_served_through_contents_as_GitHubs_wrapped_base64()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        var repo = fake.AddRepository("octo", "hello");
        var text = string.Concat(Enumerable.Repeat("Grüße, agents! 👀\n", 10));
        repo.CommitFiles("main", "init", new Dictionary<string, string> { ["src/app.cs"] = text, ["README.md"] = "# Hello\n" });
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());

        var file = (await client.GetFromJsonAsync<JsonObject>("repos/octo/hello/contents/src/app.cs", Cancel))!;
        var folder = (await client.GetFromJsonAsync<JsonArray>("repos/octo/hello/contents/src?ref=main", Cancel))!;

        var bytes = Encoding.UTF8.GetBytes(text);
        var content = file["content"]!.GetValue<string>();
        Assert.Equal("file", file["type"]!.GetValue<string>());
        Assert.Equal("base64", file["encoding"]!.GetValue<string>());
        Assert.Equal(bytes.Length, file["size"]!.GetValue<int>());
        Assert.Equal("src/app.cs", file["path"]!.GetValue<string>());
        Assert.Equal(BlobSha(bytes), file["sha"]!.GetValue<string>());
        var lines = content.Split('\n');
        Assert.All(lines[..^2], line => Assert.Equal(60, line.Length));
        Assert.InRange(lines[^2].Length, 1, 60);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Equal(text, Encoding.UTF8.GetString(Convert.FromBase64String(content.Replace("\n", string.Empty))));
        var entry = Assert.Single(folder);
        Assert.Equal("app.cs", entry!["name"]!.GetValue<string>());
        Assert.Equal("file", entry["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Object_ids_are_the_ones_real_git_computes()
    {
        // The shas `git commit` gives these two files by "Fake Seeder <seeder@example.com>" at 2026-11-01T12:00:00Z, message "init".
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        var repo = fake.AddRepository("octo", "hello");

        var sha = repo.CommitFiles("main", "init\n", new Dictionary<string, string> { ["src/app.cs"] = "hello\nwörld\n", ["README.md"] = "# Hi\n" });

        Assert.Equal("d8380ebebbfb3b96ea792e2e0420df8bae2f12bf", sha);
        Assert.Equal("3c58d8027a2edec11765ea1947d4db9ec2b3b18f", repo.Commit(sha)!.TreeSha);
    }

    [Fact]
    public async Task A_commit_made_through_the_git_data_API_moves_the_branch_and_shows_in_compare()
    {
        await using var fake = await FakeGitHubServer.StartAsync(new ManualTimeProvider());
        var repo = fake.AddRepository("octo", "hello");
        var main = repo.CommitFiles("main", "init", new Dictionary<string, string> { ["a.txt"] = "one\ntwo\nthree\n", ["b.txt"] = "bee\n" });
        using var client = FakeGitHubHttp.Create(fake, fake.IssueToken());

        var branch = await Post(client, "repos/octo/hello/git/refs", new { @ref = "refs/heads/agentbot/feature", sha = main });
        var tree = await Post(client, "repos/octo/hello/git/trees", new
        {
            base_tree = repo.Commit(main)!.TreeSha,
            tree = new object[]
            {
                new { path = "a.txt", mode = "100644", type = "blob", content = "one\n2\nthree\n" },
                new { path = "b.txt", mode = "100644", type = "blob", sha = (string?)null },
            },
        });
        var commit = await Post(client, "repos/octo/hello/git/commits", new { message = "Change a, drop b", tree = tree["sha"]!.GetValue<string>(), parents = new[] { main } });
        var sha = commit["sha"]!.GetValue<string>();
        var moved = await client.PatchAsJsonAsync("repos/octo/hello/git/refs/heads/agentbot/feature", new { sha, force = false }, Cancel);
        var backwards = await client.PatchAsJsonAsync("repos/octo/hello/git/refs/heads/agentbot/feature", new { sha = main, force = false }, Cancel);
        var again = await client.PostAsJsonAsync("repos/octo/hello/git/refs", new { @ref = "refs/heads/agentbot/feature", sha = main }, Cancel);
        // Clients escape a branch as one segment; the slash must still count.
        var compare = (await client.GetFromJsonAsync<JsonObject>("repos/octo/hello/compare/main...agentbot%2Ffeature", Cancel))!;

        Assert.Equal("refs/heads/agentbot/feature", branch["ref"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(sha, repo.Head("agentbot/feature"));
        Assert.Equal((HttpStatusCode)422, backwards.StatusCode);
        Assert.Equal("Update is not a fast forward", (await backwards.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["message"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode)422, again.StatusCode);
        Assert.Equal("Reference already exists", (await again.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["message"]!.GetValue<string>());
        Assert.Equal("one\n2\nthree\n", repo.ReadFile("agentbot/feature", "a.txt"));
        Assert.Null(repo.ReadFile("agentbot/feature", "b.txt"));
        Assert.Equal("ahead", compare["status"]!.GetValue<string>());
        Assert.Equal(1, compare["ahead_by"]!.GetValue<int>());
        Assert.Equal(main, compare["merge_base_commit"]!["sha"]!.GetValue<string>());
        var files = compare["files"]!.AsArray();
        Assert.Equal(["a.txt:modified", "b.txt:removed"], files.Select(f => $"{f!["filename"]}:{f["status"]}"));
        Assert.Equal("@@ -1,3 +1,3 @@\n one\n-two\n+2\n three", files[0]!["patch"]!.GetValue<string>());
    }

    private static async Task<JsonObject> Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
    }

    private static string BlobSha(byte[] bytes) =>
#pragma warning disable CA5350 // git's object id.
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));
#pragma warning restore CA5350
}
