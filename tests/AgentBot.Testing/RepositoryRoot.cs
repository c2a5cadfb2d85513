namespace AgentBot.Testing;

/// <summary>The checkout's root, found from the test binaries upwards, so tests read the real agents/ and schema/.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AgentBot.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AgentBot.slnx above {AppContext.BaseDirectory}.");
    });

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
