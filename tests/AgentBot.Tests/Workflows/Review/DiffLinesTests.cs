using AgentBot.Workflows.Review;

namespace AgentBot.Tests.Workflows.Review;

public sealed class DiffLinesTests
{
    private static string Lines(string? patch) =>
        string.Join(" ", DiffLines.Parse(patch).OrderBy(l => l.Side, StringComparer.Ordinal).ThenBy(l => l.Line).Select(l => $"{l.Side[0]}{l.Line}"));

    [Theory]
    // Added, context and removed lines: context and added by new numbers on RIGHT, removed by old numbers on LEFT.
    [InlineData("@@ -10,3 +10,3 @@\n a\n-b\n+B\n c", "L11 R10 R11 R12")]
    // A new file: old side starts at 0 and has nothing.
    [InlineData("@@ -0,0 +1,2 @@\n+x\n+y", "R1 R2")]
    // A deleted file: only LEFT lines.
    [InlineData("@@ -1,2 +0,0 @@\n-x\n-y", "L1 L2")]
    // Single-line hunks omit the count.
    [InlineData("@@ -1 +1 @@\n-a\n+b", "L1 R1")]
    // Two hunks: numbering restarts at each header; the text after the second @@ is the function context, not a line.
    [InlineData("@@ -1,2 +1,3 @@\n a\n+b\n c\n@@ -20,2 +21,1 @@ void M()\n-x\n y", "L20 R1 R2 R3 R21")]
    // The no-newline marker numbers nothing, on either side.
    [InlineData("@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n\\ No newline at end of file\n", "L1 R1")]
    // Windows line endings inside the patch.
    [InlineData("@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+c\r\n", "L2 R1 R2")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Parse_gives_the_lines_a_comment_may_target(string? patch, string expected) =>
        Assert.Equal(expected, Lines(patch));

    [Fact]
    public void SideFor_prefers_the_new_file_and_falls_back_to_a_removed_line()
    {
        var lines = DiffLines.Parse("@@ -1,3 +1,2 @@\n a\n-b\n-c\n+d");

        Assert.Equal(
            (DiffLine.Right, DiffLine.Right, DiffLine.Left, (string?)null),
            (DiffLines.SideFor(lines, 1), DiffLines.SideFor(lines, 2), DiffLines.SideFor(lines, 3), DiffLines.SideFor(lines, 4)));
    }
}
