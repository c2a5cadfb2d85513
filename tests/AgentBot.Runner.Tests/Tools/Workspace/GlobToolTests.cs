using System.Text.Json.Nodes;
using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class GlobToolTests : IDisposable
{
    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempWorkspace _ws = new();
    private readonly GlobTool _glob = new();

    public GlobToolTests()
    {
        // Ages in minutes: a larger number is older.
        Put("Program.cs", 50);
        Put("README.md", 40);
        Put("src/App.cs", 10);
        Put("src/App.Tests.cs", 10);
        Put("src/deep/er/Model.cs", 30);
        Put("src/docs/guide.md", 20);
        Put("src/web/site.ts", 5);
        Put("a.txt", 60);
        Put("b.txt", 60);
        Put("ab.txt", 60);
        Put(".git/config", 1);
        Put(".github/workflows/ci.yml", 70);
    }

    public void Dispose() => _ws.Dispose();

    private void Put(string path, int minutesOld) =>
        File.SetLastWriteTimeUtc(_ws.Put(path, path), Epoch.AddMinutes(-minutesOld));

    private async Task<string[]> Glob(string pattern, string? path = null)
    {
        var arguments = new JsonObject { ["pattern"] = pattern };
        if (path is not null)
        {
            arguments["path"] = path;
        }

        var result = await _ws.Invoke(_glob, arguments);
        Assert.False(result.IsError, result.Content);
        return result.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Double_star_matches_at_any_depth_newest_first_then_by_name()
    {
        Assert.Equal(["src/App.Tests.cs", "src/App.cs", "src/deep/er/Model.cs", "Program.cs"], await Glob("**/*.cs"));
    }

    [Fact]
    public async Task A_single_star_stays_in_the_folder()
    {
        Assert.Equal(["Program.cs"], await Glob("*.cs"));
    }

    [Fact]
    public async Task Braces_offer_alternatives()
    {
        Assert.Equal(["src/web/site.ts", "src/App.Tests.cs", "src/App.cs", "src/docs/guide.md", "src/deep/er/Model.cs"], await Glob("src/**/*.{cs,md,ts}"));
    }

    [Fact]
    public async Task Question_mark_and_classes_match_one_character()
    {
        Assert.Equal(["a.txt", "b.txt"], await Glob("?.txt"));
        Assert.Equal(["a.txt"], await Glob("[a].txt"));
        Assert.Equal(["b.txt"], await Glob("[!a].txt"));
    }

    [Fact]
    public async Task Searches_a_sub_folder_and_answers_with_paths_from_the_root()
    {
        Assert.Equal(["src/App.Tests.cs", "src/App.cs"], await Glob("*.cs", "src"));
        Assert.Equal(["src/docs/guide.md"], await Glob("**/*.md", "./src/"));
    }

    [Fact]
    public async Task Skips_git_but_not_other_dot_folders()
    {
        var all = await Glob("**");

        Assert.DoesNotContain(all, p => p.StartsWith(".git/", StringComparison.Ordinal));
        Assert.Contains(".github/workflows/ci.yml", all);
        Assert.Equal(11, all.Length);
    }

    [Fact]
    public async Task Says_when_nothing_matches()
    {
        var result = await _ws.Invoke(_glob, new JsonObject { ["pattern"] = "**/*.java" });

        Assert.False(result.IsError);
        Assert.Contains("No files match '**/*.java'", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returns_at_most_1000_paths_and_says_so()
    {
        for (var i = 0; i < 1005; i++)
        {
            _ws.Put($"many/f{i:D4}.txt", string.Empty);
        }

        var result = await _ws.Invoke(_glob, new JsonObject { ["pattern"] = "many/*.txt" });
        var lines = result.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(1001, lines.Length);
        Assert.Contains("showing the newest 1000 of 1005 files", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*.cs", "nope", "does not exist")]
    [InlineData("*.cs", "Program.cs", "is a file")]
    [InlineData("/etc/*", null, "must be relative")]
    [InlineData("../*", null, "without '..'")]
    [InlineData("", null, "pattern is empty")]
    public async Task Bad_patterns_and_paths_are_errors(string pattern, string? path, string message)
    {
        var arguments = new JsonObject { ["pattern"] = pattern };
        if (path is not null)
        {
            arguments["path"] = path;
        }

        var result = await _ws.Invoke(_glob, arguments);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Content, StringComparison.Ordinal);
    }
}
