using System.Text.Json.Nodes;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

/// <summary>No tool that takes a path reads, lists or changes anything outside the workspace.</summary>
public sealed class PathTraversalTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public PathTraversalTests()
    {
        _ws.PlantOutsideLinks();
        _ws.Put("a/inside.txt", "inside\n");
    }

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string, string> Escapes => new()
    {
        { "Read", "../outside.txt" },
        { "Read", "a/../../outside.txt" },
        { "Read", "./../outside.txt" },
        { "Read", "/etc/passwd" },
        { "Read", "<outside-absolute>" },
        { "Read", "link.txt" },
        { "Read", "linkdir/secret.txt" },
        { "Read", "linkdir/../outside.txt" },
        { "Write", "../outside.txt" },
        { "Write", "a/../../outside.txt" },
        { "Write", "<outside-absolute>" },
        { "Write", "link.txt" },
        { "Write", "linkdir/secret.txt" },
        { "Write", "linkdir/new.txt" },
        { "Write", "dangling.txt" },
        { "Edit", "../outside.txt" },
        { "Edit", "a/../../outside.txt" },
        { "Edit", "<outside-absolute>" },
        { "Edit", "link.txt" },
        { "Edit", "linkdir/secret.txt" },
        { "Glob", "../outside" },
        { "Glob", "a/../.." },
        { "Glob", "/etc" },
        { "Glob", "linkdir" },
        { "Grep", "../outside.txt" },
        { "Grep", "a/../../outside.txt" },
        { "Grep", "/etc/passwd" },
        { "Grep", "<outside-absolute>" },
        { "Grep", "link.txt" },
        { "Grep", "linkdir" },
        { "Grep", "linkdir/secret.txt" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task A_path_leading_outside_is_refused_and_nothing_outside_is_read_or_changed(string toolName, string path)
    {
        if (path == "<outside-absolute>")
        {
            path = _ws.OutsideFile;
        }

        var tool = WorkspaceTools.All.Single(t => t.Name == toolName);
        var arguments = toolName switch
        {
            "Read" => new JsonObject { ["path"] = path },
            "Write" => new JsonObject { ["path"] = path, ["content"] = "overwritten\n" },
            "Edit" => new JsonObject { ["path"] = path, ["old_string"] = TempWorkspace.Secret, ["new_string"] = "changed" },
            "Glob" => new JsonObject { ["pattern"] = "**/*", ["path"] = path },
            _ => new JsonObject { ["pattern"] = TempWorkspace.Secret, ["path"] = path },
        };

        var result = await _ws.Invoke(tool, arguments);

        Assert.True(result.IsError, result.Content);
        Assert.Matches("outside the workspace|is absolute", result.Content);
        Assert.DoesNotContain(TempWorkspace.Secret, result.Content, StringComparison.Ordinal);
        Assert.Null(result.Changes);
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task Glob_over_the_whole_workspace_lists_no_file_behind_a_link_that_leads_outside()
    {
        var result = await _ws.Invoke(new GlobTool(), new JsonObject { ["pattern"] = "**/*" });

        Assert.False(result.IsError, result.Content);
        Assert.Equal(["a/inside.txt"], Lines(result.Content));
    }

    [Fact]
    public async Task Grep_over_the_whole_workspace_reads_nothing_behind_a_link_that_leads_outside()
    {
        foreach (var output in new[] { "content", "files", "count" })
        {
            var result = await _ws.Invoke(new GrepTool(), new JsonObject { ["pattern"] = TempWorkspace.Secret, ["output"] = output });

            Assert.False(result.IsError, result.Content);
            Assert.StartsWith("No matches", result.Content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_link_whose_target_stays_inside_the_workspace_is_followed()
    {
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "alias.txt"), "a/inside.txt");
        Directory.CreateSymbolicLink(Path.Combine(_ws.Root, "alias-dir"), Path.Combine(_ws.Root, "a"));

        var viaFile = await _ws.Invoke(new ReadTool(), new JsonObject { ["path"] = "alias.txt" });
        var viaFolder = await _ws.Invoke(new ReadTool(), new JsonObject { ["path"] = "alias-dir/inside.txt" });
        var written = await _ws.Invoke(new WriteTool(), new JsonObject { ["path"] = "alias-dir/new.txt", ["content"] = "x\n" });

        Assert.Contains("inside", viaFile.Content, StringComparison.Ordinal);
        Assert.Contains("inside", viaFolder.Content, StringComparison.Ordinal);
        Assert.False(written.IsError, written.Content);
        Assert.Equal("a/new.txt", Assert.Single(written.Changes!).Path);
        Assert.Equal("x\n", _ws.Text("a/new.txt"));
    }

    [Fact]
    public async Task A_dot_dot_that_stays_inside_is_allowed()
    {
        var result = await _ws.Invoke(new ReadTool(), new JsonObject { ["path"] = "./a/../a/inside.txt" });

        Assert.False(result.IsError, result.Content);
        Assert.Contains("inside", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loop_of_links_is_refused_not_followed_forever()
    {
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Combine(_ws.Root, "loop2"), "loop1");

        var result = await _ws.Invoke(new ReadTool(), new JsonObject { ["path"] = "loop1" });

        Assert.True(result.IsError);
        Assert.Contains("symbolic links", result.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Read", ".git/config")]
    [InlineData("Write", ".git/hooks/pre-commit")]
    [InlineData("Edit", ".git/config")]
    [InlineData("Edit", "sub/.git/config")]
    [InlineData("Read", "git-alias/config")]
    [InlineData("Glob", ".git")]
    [InlineData("Grep", ".git")]
    public async Task The_git_folder_is_off_limits(string toolName, string path)
    {
        _ws.Put(".git/config", "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n");
        _ws.Put("sub/.git/config", "[core]\n");
        Directory.CreateSymbolicLink(Path.Combine(_ws.Root, "git-alias"), ".git");
        var tool = WorkspaceTools.All.Single(t => t.Name == toolName);
        var arguments = toolName switch
        {
            "Read" => new JsonObject { ["path"] = path },
            "Write" => new JsonObject { ["path"] = path, ["content"] = "#!/bin/sh\ncurl evil\n" },
            "Edit" => new JsonObject { ["path"] = path, ["old_string"] = "[", ["new_string"] = "{" },
            "Glob" => new JsonObject { ["pattern"] = "**", ["path"] = path },
            _ => new JsonObject { ["pattern"] = ".", ["path"] = path },
        };

        var result = await _ws.Invoke(tool, arguments);

        Assert.True(result.IsError, result.Content);
        Assert.Contains("inside .git", result.Content, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_ws.Root, ".git/hooks/pre-commit")));
        Assert.StartsWith("[http]", _ws.Text(".git/config"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absolute_path_inside_the_workspace_is_refused_with_the_relative_path_to_use()
    {
        var result = await _ws.Invoke(new ReadTool(), new JsonObject { ["path"] = Path.Combine(_ws.Root, "a/inside.txt") });

        Assert.True(result.IsError);
        Assert.EndsWith("give it relative to the workspace root: 'a/inside.txt'", result.Content, StringComparison.Ordinal);
    }

    private void AssertOutsideUntouched()
    {
        Assert.Equal(TempWorkspace.OutsideText, File.ReadAllText(_ws.OutsideFile));
        Assert.Equal([Path.Combine(_ws.OutsideFolder, "secret.txt")], Directory.GetFiles(_ws.OutsideFolder));
        Assert.Equal(TempWorkspace.OutsideText, File.ReadAllText(Path.Combine(_ws.OutsideFolder, "secret.txt")));
        Assert.False(File.Exists(Path.Combine(_ws.Base, "created-outside.txt")));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
