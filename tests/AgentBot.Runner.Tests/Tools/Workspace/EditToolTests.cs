using System.Text;
using System.Text.Json.Nodes;
using AgentBot.Runner.Tools;
using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class EditToolTests : IDisposable
{
    private readonly TempWorkspace _ws = new();
    private readonly EditTool _edit = new();

    public void Dispose() => _ws.Dispose();

    private Task<ToolResult> Edit(string path, string oldString, string newString, bool? replaceAll = null)
    {
        var arguments = new JsonObject { ["path"] = path, ["old_string"] = oldString, ["new_string"] = newString };
        if (replaceAll is { } all)
        {
            arguments["replace_all"] = all;
        }

        return _ws.Invoke(_edit, arguments);
    }

    [Fact]
    public async Task Replaces_a_unique_string()
    {
        _ws.Put("a.cs", "int x = 1;\nint y = 2;\n");

        var result = await Edit("a.cs", "y = 2", "y = 3");

        Assert.False(result.IsError, result.Content);
        Assert.Equal("int x = 1;\nint y = 3;\n", _ws.Text("a.cs"));
        Assert.Equal(new FileChange("a.cs", 1, 1), Assert.Single(result.Changes!));
        Assert.Contains("replaced 1 occurrence", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_lines_when_one_line_becomes_three()
    {
        _ws.Put("a.txt", "a\nb\nc\n");

        var result = await Edit("a.txt", "b\n", "b1\nb2\nb3\n");

        Assert.Equal("a\nb1\nb2\nb3\nc\n", _ws.Text("a.txt"));
        Assert.Equal(new FileChange("a.txt", 3, 1), Assert.Single(result.Changes!));
    }

    [Fact]
    public async Task Deleting_text_removes_lines()
    {
        _ws.Put("a.txt", "a\nb\nc\n");

        var result = await Edit("a.txt", "b\nc\n", string.Empty);

        Assert.Equal("a\n", _ws.Text("a.txt"));
        Assert.Equal(new FileChange("a.txt", 0, 2), Assert.Single(result.Changes!));
    }

    [Fact]
    public async Task Not_found_is_an_error_and_the_file_is_untouched()
    {
        _ws.Put("a.txt", "hello\n");

        var result = await Edit("a.txt", "goodbye", "x");

        Assert.True(result.IsError);
        Assert.Contains("not found", result.Content, StringComparison.Ordinal);
        Assert.Equal("hello\n", _ws.Text("a.txt"));
    }

    [Fact]
    public async Task Several_matches_without_replace_all_are_an_error()
    {
        _ws.Put("a.txt", "foo\nfoo\nfoo\n");

        var result = await Edit("a.txt", "foo", "bar");

        Assert.True(result.IsError);
        Assert.Contains("found 3 times", result.Content, StringComparison.Ordinal);
        Assert.Contains("add more context", result.Content, StringComparison.Ordinal);
        Assert.Contains("replace_all", result.Content, StringComparison.Ordinal);
        Assert.Equal("foo\nfoo\nfoo\n", _ws.Text("a.txt"));
    }

    [Fact]
    public async Task Replace_all_replaces_every_match()
    {
        _ws.Put("a.txt", "foo\nkeep\nfoo\nfoo\n");

        var result = await Edit("a.txt", "foo", "bar", replaceAll: true);

        Assert.Equal("bar\nkeep\nbar\nbar\n", _ws.Text("a.txt"));
        Assert.Equal(new FileChange("a.txt", 3, 3), Assert.Single(result.Changes!));
        Assert.Contains("replaced 3 occurrences", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_old_and_new_string_is_an_error()
    {
        _ws.Put("a.txt", "foo\n");

        var result = await Edit("a.txt", "foo", "foo");

        Assert.True(result.IsError);
        Assert.Contains("the same", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_old_string_is_an_error()
    {
        _ws.Put("a.txt", "foo\n");

        var result = await Edit("a.txt", string.Empty, "x");

        Assert.True(result.IsError);
        Assert.Contains("use Write", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_an_error()
    {
        var result = await Edit("nope.txt", "a", "b");

        Assert.True(result.IsError);
        Assert.Contains("does not exist", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matches_lines_copied_from_Read_in_a_crlf_file_and_keeps_crlf()
    {
        _ws.Put("win.txt", "a\r\nb\r\nc\r\n");

        var result = await Edit("win.txt", "a\nb", "x\ny");

        Assert.False(result.IsError, result.Content);
        Assert.Equal("x\r\ny\r\nc\r\n", _ws.Text("win.txt"));
        Assert.Equal(new FileChange("win.txt", 2, 2), Assert.Single(result.Changes!));
    }

    [Fact]
    public async Task Keeps_a_byte_order_mark()
    {
        var path = Path.Combine(_ws.Root, "bom.txt");
        File.WriteAllText(path, "hello\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        await Edit("bom.txt", "hello", "bye");

        Assert.Equal([0xEF, 0xBB, 0xBF, .. "bye\n"u8.ToArray()], File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Refuses_a_file_that_is_not_utf8_rather_than_damage_it()
    {
        var path = Path.Combine(_ws.Root, "latin1.txt");
        byte[] bytes = [.. "caf"u8.ToArray(), 0xE9, (byte)' ', .. "x\n"u8.ToArray()];
        File.WriteAllBytes(path, bytes);

        var result = await Edit("latin1.txt", "x", "y");

        Assert.True(result.IsError);
        Assert.Contains("not valid UTF-8", result.Content, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }
}
