using System.Text.Json;
using System.Text.Json.Nodes;
using AgentBot.Runner.Definitions;
using AgentBot.Runner.Tools;

namespace AgentBot.Runner.Tests.Tools.Workspace;

/// <summary>
/// A real folder per test: <c>workspace/</c> is the run's checkout, and beside it <c>outside.txt</c> and
/// <c>outside/</c> are what no tool may reach. Deleted with everything in it when the test ends.
/// </summary>
internal sealed class TempWorkspace : IDisposable
{
    public const string Secret = "ZEBRA-QUOKKA";

    public const string OutsideText = Secret + " lives outside\n";

    public TempWorkspace()
    {
        Base = Path.Combine(Path.GetTempPath(), $"agentbot-tools-{Guid.NewGuid():N}");
        Root = Path.Combine(Base, "workspace");
        OutsideFolder = Path.Combine(Base, "outside");
        OutsideFile = Path.Combine(Base, "outside.txt");
        Home = Path.Combine(Base, "home");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(OutsideFolder);
        Directory.CreateDirectory(Home);
        File.WriteAllText(OutsideFile, OutsideText);
        File.WriteAllText(Path.Combine(OutsideFolder, "secret.txt"), OutsideText);
    }

    public string Base { get; }

    public string Root { get; }

    public string OutsideFolder { get; }

    public string OutsideFile { get; }

    public string Home { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ToolContext Context(params Capability[] capabilities) =>
        new(Root, capabilities.ToHashSet(), new Dictionary<string, string> { ["HOME"] = Home });

    public string Put(string relative, string content)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Text(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    /// <summary>Plants the links a hostile checkout could contain: a file and a folder pointing outside, and a dangling one.</summary>
    public void PlantOutsideLinks()
    {
        File.CreateSymbolicLink(Path.Combine(Root, "link.txt"), OutsideFile);
        Directory.CreateSymbolicLink(Path.Combine(Root, "linkdir"), OutsideFolder);
        File.CreateSymbolicLink(Path.Combine(Root, "dangling.txt"), Path.Combine(Base, "created-outside.txt"));
    }

    public Task<ToolResult> Invoke(ITool tool, JsonObject arguments, ToolContext? context = null) =>
        Invoke(tool, arguments.ToJsonString(), context);

    public async Task<ToolResult> Invoke(ITool tool, string json, ToolContext? context = null)
    {
        using var document = JsonDocument.Parse(json);
        return await tool.InvokeAsync(document.RootElement, context ?? Context(), Ct);
    }

    public void Dispose()
    {
        // Links are deleted as links: Directory.Delete does not follow them into the outside folder.
        if (Directory.Exists(Base))
        {
            Directory.Delete(Base, recursive: true);
        }
    }
}
