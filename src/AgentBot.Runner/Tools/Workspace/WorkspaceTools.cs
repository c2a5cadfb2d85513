namespace AgentBot.Runner.Tools.Workspace;

/// <summary>The tools that work on a run's checkout. They hold no state, so one set serves every run.</summary>
public static class WorkspaceTools
{
    public static IReadOnlyList<ITool> All { get; } =
        [new ReadTool(), new WriteTool(), new EditTool(), new GlobTool(), new GrepTool(), new BashTool()];
}
