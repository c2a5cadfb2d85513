using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class WriteToolTests : IDisposable
{
    private readonly TempWorkspace _ws = new();
    private readonly WriteTool _write = new();

    public void Dispose() => _ws.Dispose();

    private Task<ToolResult> Write(string path, string content) =>
        _ws.Invoke(_write, new JsonObject { ["path"] = path, ["content"] = content });

    [Fact]
    public async Task Creates_a_file_and_its_folders()
    {
        var result = await Write("src/deep/new.cs", "a\nb\nc\n");

        Assert.False(result.IsError, result.Content);
        Assert.Equal("a\nb\nc\n", _ws.Text("src/deep/new.cs"));
        Assert.Equal(new FileChange("src/deep/new.cs", 3, 0), Assert.Single(result.Changes!));
        Assert.StartsWith("Created 'src/deep/new.cs'", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overwrites_and_counts_lines_added_and_removed()
    {
        _ws.Put("a.txt", "a\nb\nc\n");

        var result = await Write("./a.txt", "a\nB\nc\nd\n");

        Assert.Equal("a\nB\nc\nd\n", _ws.Text("a.txt"));
        Assert.Equal(new FileChange("a.txt", 2, 1), Assert.Single(result.Changes!));
        Assert.Contains("+2 -1", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emptying_a_file_removes_all_its_lines()
    {
        _ws.Put("a.txt", "a\nb\n");

        var result = await Write("a.txt", string.Empty);

        Assert.Equal(string.Empty, _ws.Text("a.txt"));
        Assert.Equal(new FileChange("a.txt", 0, 2), Assert.Single(result.Changes!));
    }

    [Fact]
    public async Task The_same_content_is_no_change()
    {
        _ws.Put("a.txt", "same\n");

        var result = await Write("a.txt", "same\n");

        Assert.False(result.IsError);
        Assert.Null(result.Changes);
        Assert.Contains("nothing changed", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_a_binary_file_counts_its_lines_as_removed()
    {
        File.WriteAllBytes(Path.Combine(_ws.Root, "blob"), [1, 0, (byte)'\n', 2, (byte)'\n']);

        var result = await Write("blob", "text\n");

        Assert.Equal(new FileChange("blob", 1, 2), Assert.Single(result.Changes!));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Keeps_an_executable_script_executable_and_leaves_no_temporary_file()
    {
        var script = _ws.Put("run.sh", "#!/bin/sh\necho old\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await Write("run.sh", "#!/bin/sh\necho new\n");

        Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(["run.sh"], Directory.GetFiles(_ws.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Refuses_to_write_over_a_folder()
    {
        Directory.CreateDirectory(Path.Combine(_ws.Root, "src"));

        var result = await Write("src", "x");

        Assert.True(result.IsError);
        Assert.Contains("is a directory", result.Content, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_ws.Root, "src")));
    }

    [Fact]
    public async Task Refuses_a_path_ending_in_a_slash()
    {
        var result = await Write("src/new/", "x");

        Assert.True(result.IsError);
        Assert.Contains("names a folder", result.Content, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_ws.Root, "src")));
    }

    [Fact]
    public async Task Content_is_required_but_may_be_empty()
    {
        var missing = await _ws.Invoke(_write, new JsonObject { ["path"] = "a.txt" });
        var empty = await Write("b.txt", string.Empty);

        Assert.True(missing.IsError);
        Assert.Contains("'content' is required", missing.Content, StringComparison.Ordinal);
        Assert.False(empty.IsError);
        Assert.Equal(new FileChange("b.txt", 0, 0), Assert.Single(empty.Changes!));
    }
}
