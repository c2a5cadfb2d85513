using AgentBot.Runner.Tools.Workspace;

namespace AgentBot.Runner.Tests.Tools.Workspace;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*.cs", "a.cs", true)]
    [InlineData("*.cs", "src/a.cs", false)]
    [InlineData("*", ".editorconfig", true)]
    [InlineData("**/*.cs", "a.cs", true)]
    [InlineData("**/*.cs", "src/x/a.cs", true)]
    [InlineData("src/**/*.cs", "src/a.cs", true)]
    [InlineData("src/**/*.cs", "src/x/y/a.cs", true)]
    [InlineData("src/**/*.cs", "srcx/a.cs", false)]
    [InlineData("src/**", "src/x/y/a.cs", true)]
    [InlineData("**", "a/b/c", true)]
    [InlineData("src/**/test/*.cs", "src/test/a.cs", true)]
    [InlineData("a**b", "axxb", true)]
    [InlineData("a**b", "ax/xb", false)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("?", "/", false)]
    [InlineData("[abc].txt", "b.txt", true)]
    [InlineData("[abc].txt", "d.txt", false)]
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[!a-c].txt", "d.txt", true)]
    [InlineData("[^a-c].txt", "a.txt", false)]
    [InlineData("x[!a]y", "x/y", false)]
    [InlineData("[]].txt", "].txt", true)]
    [InlineData("[a-].txt", "-.txt", true)]
    [InlineData("[unclosed", "[unclosed", true)]
    [InlineData("*.{cs,md}", "a.md", true)]
    [InlineData("*.{cs,md}", "a.ts", false)]
    [InlineData("{src,tests}/**/*.cs", "tests/a/b.cs", true)]
    [InlineData("*.{c{s,sx},md}", "a.csx", true)]
    [InlineData("{a,}b", "b", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "axb", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("(x)+", "(x)+", true)]
    [InlineData("./src/*.cs", "src/a.cs", true)]
    public void Matches_like_a_shell_glob_with_double_star(string pattern, string path, bool expected)
    {
        Assert.True(GlobPattern.TryParse(pattern, out var glob, out var error), error);
        Assert.Equal(expected, glob.IsMatch(path));
    }
}
