using System.Text.Json.Nodes;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class GrepToolTests : IDisposable
{
    private readonly TempWorkspace _ws = new();
    private readonly GrepTool _grep = new();

    public GrepToolTests()
    {
        _ws.Put("src/App.cs", "namespace App;\n// TODO: first\nclass App { }\n// todo: lower\n");
        _ws.Put("src/Util.cs", "static class Util\n{\n    // TODO: second\n}\n");
        _ws.Put("docs/notes.md", "TODO: document\n");
        _ws.Put(".git/HEAD", "TODO in git\n");
        File.WriteAllBytes(Path.Combine(_ws.Root, "tool.bin"), [.. "TODO"u8.ToArray(), 0, 1, 2]);
    }

    public void Dispose() => _ws.Dispose();

    private Task<ToolResult> Grep(JsonObject arguments) => _ws.Invoke(_grep, arguments);

    [Fact]
    public async Task Lists_matching_lines_as_path_line_text_skipping_binary_files_and_git()
    {
        var result = await Grep(new JsonObject { ["pattern"] = "TODO" });

        Assert.False(result.IsError, result.Content);
        Assert.Equal("docs/notes.md:1:TODO: document\nsrc/App.cs:2:// TODO: first\nsrc/Util.cs:3:    // TODO: second\n", result.Content);
    }

    [Fact]
    public async Task Takes_a_regular_expression_and_can_ignore_case()
    {
        var sensitive = await Grep(new JsonObject { ["pattern"] = @"^//\s+todo", ["path"] = "src" });
        var insensitive = await Grep(new JsonObject { ["pattern"] = @"^//\s+todo", ["path"] = "src", ["ignore_case"] = true });

        Assert.Equal("src/App.cs:4:// todo: lower\n", sensitive.Content);
        Assert.Equal("src/App.cs:2:// TODO: first\nsrc/App.cs:4:// todo: lower\n", insensitive.Content);
    }

    [Fact]
    public async Task A_glob_filters_files_by_name_or_by_path()
    {
        var byName = await Grep(new JsonObject { ["pattern"] = "TODO", ["glob"] = "*.md", ["output"] = "files" });
        var byPath = await Grep(new JsonObject { ["pattern"] = "TODO", ["glob"] = "src/{App,Nope}.cs", ["output"] = "files" });

        Assert.Equal("docs/notes.md\n", byName.Content);
        Assert.Equal("src/App.cs\n", byPath.Content);
    }

    [Fact]
    public async Task Shows_context_lines_and_separates_groups()
    {
        _ws.Put("ctx.txt", "1\n2\nhit a\n4\n5\n6\n7\nhit b\nhit c\n10\n");

        var result = await Grep(new JsonObject { ["pattern"] = "hit", ["path"] = "ctx.txt", ["context"] = 1 });

        Assert.Equal(
            "ctx.txt-2-2\nctx.txt:3:hit a\nctx.txt-4-4\n--\nctx.txt-7-7\nctx.txt:8:hit b\nctx.txt:9:hit c\nctx.txt-10-10\n",
            result.Content);
    }

    [Fact]
    public async Task Context_groups_in_different_files_are_separated()
    {
        var result = await Grep(new JsonObject { ["pattern"] = "TODO", ["path"] = "src", ["context"] = 1 });

        Assert.Equal(
            "src/App.cs-1-namespace App;\nsrc/App.cs:2:// TODO: first\nsrc/App.cs-3-class App { }\n--\n" +
            "src/Util.cs-2-{\nsrc/Util.cs:3:    // TODO: second\nsrc/Util.cs-4-}\n",
            result.Content);
    }

    [Fact]
    public async Task Lists_files_or_counts_per_file()
    {
        var files = await Grep(new JsonObject { ["pattern"] = "todo", ["ignore_case"] = true, ["output"] = "files" });
        var counts = await Grep(new JsonObject { ["pattern"] = "todo", ["ignore_case"] = true, ["output"] = "count" });

        Assert.Equal("docs/notes.md\nsrc/App.cs\nsrc/Util.cs\n", files.Content);
        Assert.Equal("docs/notes.md:1\nsrc/App.cs:2\nsrc/Util.cs:1\n\n4 matching lines in 3 files\n", counts.Content);
    }

    [Fact]
    public async Task Stops_at_max_results_and_says_results_were_cut()
    {
        var lines = await Grep(new JsonObject { ["pattern"] = "TODO", ["max_results"] = 2 });
        var files = await Grep(new JsonObject { ["pattern"] = "TODO", ["max_results"] = 1, ["output"] = "files" });

        Assert.StartsWith("docs/notes.md:1:TODO: document\nsrc/App.cs:2:// TODO: first\n\n(results cut at 2 matching lines", lines.Content, StringComparison.Ordinal);
        Assert.StartsWith("docs/notes.md\n\n(results cut at 1 files", files.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reaching_max_results_exactly_is_not_a_cut()
    {
        var result = await Grep(new JsonObject { ["pattern"] = "TODO", ["max_results"] = 3 });

        Assert.DoesNotContain("cut", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caps_output_from_huge_lines()
    {
        _ws.Put("wide.txt", string.Concat(Enumerable.Repeat(new string('x', 5000) + "\n", 100)));

        var result = await Grep(new JsonObject { ["pattern"] = "x", ["path"] = "wide.txt", ["max_results"] = 5000 });

        Assert.True(result.Content.Length < GrepTool.MaxOutputChars + 500);
        Assert.Contains("output cut at", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_when_nothing_matches()
    {
        var result = await Grep(new JsonObject { ["pattern"] = "FIXME" });

        Assert.False(result.IsError);
        Assert.Equal("No matches for 'FIXME'.", result.Content);
    }

    [Fact]
    public async Task A_pattern_that_backtracks_forever_times_out_with_an_error()
    {
        _ws.Put("slow.txt", new string('a', 40) + "!\n");

        var result = await Grep(new JsonObject { ["pattern"] = "^(a+)+$", ["path"] = "slow.txt" });

        Assert.True(result.IsError);
        Assert.Contains("took longer than 1 s", result.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"pattern": "(unclosed"}""", "invalid regular expression")]
    [InlineData("""{"pattern": "x", "output": "lines"}""", "not one of content, files, count")]
    [InlineData("""{"pattern": "x", "context": 99}""", "'context' must be between 0 and 20")]
    [InlineData("""{"pattern": "x", "path": "missing"}""", "does not exist")]
    [InlineData("""{"pattern": "x", "glob": "../*"}""", "without '..'")]
    public async Task Bad_arguments_are_errors(string json, string message)
    {
        var result = await _ws.Invoke(_grep, json);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Content, StringComparison.Ordinal);
    }
}
