using System.Text;
using System.Text.Json.Nodes;
using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class ReadToolTests : IDisposable
{
    private readonly TempWorkspace _ws = new();
    private readonly ReadTool _read = new();

    public void Dispose() => _ws.Dispose();

    private static string Numbered(int from, int to) =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(n => $"{n,6}\tline {n}\n"));

    private void PutLines(string path, int count) =>
        _ws.Put(path, string.Concat(Enumerable.Range(1, count).Select(n => $"line {n}\n")));

    [Fact]
    public async Task Shows_every_line_numbered_like_cat_n()
    {
        PutLines("src/a.txt", 3);

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "./src/a.txt" });

        Assert.False(result.IsError);
        Assert.Equal(Numbered(1, 3), result.Content);
        Assert.Null(result.Changes);
    }

    [Fact]
    public async Task Shows_a_range_and_says_how_to_read_on()
    {
        PutLines("a.txt", 10);

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "a.txt", ["offset"] = 3, ["limit"] = 2 });

        Assert.StartsWith(Numbered(3, 4), result.Content, StringComparison.Ordinal);
        Assert.Contains("showing lines 3-4 of 10", result.Content, StringComparison.Ordinal);
        Assert.Contains("offset 5", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_at_2000_lines_by_default()
    {
        PutLines("big.txt", 2500);

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "big.txt" });

        Assert.StartsWith(Numbered(1, 2000), result.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2001", result.Content, StringComparison.Ordinal);
        Assert.Contains("showing lines 1-2000 of 2500; to read on, call Read with offset 2001", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_window_has_no_read_on_note()
    {
        PutLines("a.txt", 10);

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "a.txt", ["offset"] = "8" });

        Assert.Equal(Numbered(8, 10), result.Content);
    }

    [Fact]
    public async Task An_offset_past_the_end_is_an_error()
    {
        PutLines("a.txt", 3);

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "a.txt", ["offset"] = 9 });

        Assert.True(result.IsError);
        Assert.Contains("past the end", result.Content, StringComparison.Ordinal);
        Assert.Contains("3 lines", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hides_the_carriage_return_of_crlf_lines()
    {
        _ws.Put("crlf.txt", "one\r\ntwo\r\n");

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "crlf.txt" });

        Assert.Equal("     1\tone\n     2\ttwo\n", result.Content);
    }

    [Fact]
    public async Task Cuts_very_long_lines()
    {
        _ws.Put("min.js", new string('x', 5000) + "\n");

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "min.js" });

        Assert.Contains("line cut: 5000 characters", result.Content, StringComparison.Ordinal);
        Assert.True(result.Content.Length < 2200);
    }

    [Fact]
    public async Task Says_when_a_file_is_empty()
    {
        _ws.Put("empty.txt", string.Empty);

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "empty.txt" });

        Assert.False(result.IsError);
        Assert.Contains("is empty", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_binary_file()
    {
        File.WriteAllBytes(Path.Combine(_ws.Root, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "image.png" });

        Assert.True(result.IsError);
        Assert.Contains("binary", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_file_over_10_MB()
    {
        using (var stream = File.Create(Path.Combine(_ws.Root, "huge.log")))
        {
            stream.SetLength((10 * 1024 * 1024) + 1);
        }

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "huge.log" });

        Assert.True(result.IsError);
        Assert.Contains("10 MB", result.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.txt", "does not exist")]
    [InlineData("src", "is a directory")]
    [InlineData("", "is a directory")]
    public async Task Explains_what_is_not_a_readable_file(string path, string message)
    {
        Directory.CreateDirectory(Path.Combine(_ws.Root, "src"));

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = path });

        Assert.True(result.IsError);
        Assert.Contains(message, result.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", "'path' is required")]
    [InlineData("""{"path": 3}""", "'path' must be a string")]
    [InlineData("""{"path": "a.txt", "offset": 0}""", "'offset' must be at least 1")]
    [InlineData("""{"path": "a.txt", "limit": "many"}""", "'limit' must be a whole number")]
    [InlineData("""{"path": "a.txt", "lines": 3}""", "unknown argument 'lines'")]
    [InlineData("""["a.txt"]""", "must be a JSON object")]
    public async Task Bad_arguments_are_errors_not_exceptions(string json, string message)
    {
        _ws.Put("a.txt", "a\n");

        var result = await _ws.Invoke(_read, json);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_invalid_utf8_with_replacement_characters()
    {
        File.WriteAllBytes(Path.Combine(_ws.Root, "latin1.txt"), [.. Encoding.ASCII.GetBytes("caf"), 0xE9, (byte)'\n']);

        var result = await _ws.Invoke(_read, new JsonObject { ["path"] = "latin1.txt" });

        Assert.False(result.IsError);
        Assert.Equal("     1\tcaf\uFFFD\n", result.Content);
    }
}
