using AgentBot.Runner.Tools;

namespace AgentBot.GitHub.Tools;

/// <summary>
/// The <c>github.*</c> tools of the catalogue (<see cref="ToolCatalog.GitHubReadTools"/> and
/// <see cref="ToolCatalog.GitHubWriteTools"/>), bound to one run's repository and issue or pull request. The engine decides
/// which of them an agent is offered and whether a call may run; a write tool says it leaves the workspace, so a
/// supervised run asks before each.
/// </summary>
public static class GitHubTools
{
    public static IReadOnlyList<ITool> For(GitHubToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return
        [
            new GetIssueTool(context),
            new ListCommentsTool(context),
            new GetPullRequestTool(context),
            new ListPullRequestFilesTool(context),
            new GetFileTool(context),
            new CompareTool(context),
            new CommentTool(context),
            new AddLabelsTool(context),
            new RemoveLabelsTool(context),
            new CreateIssueTool(context),
            new CreateReviewTool(context),
            new CreatePullRequestTool(context),
        ];
    }
}
