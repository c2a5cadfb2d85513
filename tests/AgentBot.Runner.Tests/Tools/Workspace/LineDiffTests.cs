using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class LineDiffTests
{
    [Theory]
    [InlineData("", "", 0, 0)]
    [InlineData("", "a\nb\n", 2, 0)]
    [InlineData("a\nb\n", "", 0, 2)]
    [InlineData("a\nb\nc\n", "a\nb\nc\n", 0, 0)]
    [InlineData("a\nb\nc\n", "a\nx\nc\n", 1, 1)]
    [InlineData("a\nb\nc\n", "a\nc\n", 0, 1)]
    [InlineData("a\nc\n", "a\nb\nc\n", 1, 0)]
    [InlineData("a\nb\nc\nd\n", "d\na\nb\nc\n", 1, 1)]
    [InlineData("a", "a\n", 1, 1)]
    [InlineData("a\nb", "a\nb\nc", 2, 1)]
    [InlineData("x\ny\nz\n", "1\n2\n", 2, 3)]
    public void Counts_like_git(string before, string after, int added, int removed) =>
        Assert.Equal((added, removed), LineDiff.Count(before, after));

    [Fact]
    public void Large_files_with_little_in_common_are_counted_quickly()
    {
        var before = string.Concat(Enumerable.Range(0, 60_000).Select(i => $"old {i}\n"));
        var after = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"new {i}\n")) + "old 7\n";

        var (added, removed) = LineDiff.Count(before, after);

        Assert.Equal(50_000, added);
        Assert.Equal(59_999, removed);
    }

    [Fact]
    public void A_scattered_change_in_a_large_file_is_exact()
    {
        var lines = Enumerable.Range(0, 100_000).Select(i => $"line {i}").ToList();
        var before = string.Join('\n', lines) + "\n";
        lines[10] = "changed";
        lines.RemoveAt(50_000);
        lines.Insert(90_000, "inserted");
        var after = string.Join('\n', lines) + "\n";

        Assert.Equal((2, 2), LineDiff.Count(before, after));
    }
}
