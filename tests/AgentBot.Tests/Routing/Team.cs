using AgentBot.Runner.Definitions;

namespace AgentBot.Tests.Routing;

/// <summary>
/// A roster that exercises every routing rule: coders of overlapping skills and a generalist coder,
/// reviewers for .NET and Flutter plus a generalist, a manual architect, and agents on labels,
/// commands, pushes and closed pull requests.
/// </summary>
internal static class Team
{
    public static readonly string[] Yamls =
    [
        """
        name: architect
        description: Designs larger changes when asked.
        role: CEO
        model: openai/gpt-4.1
        prompt: Design the change.
        skills: [architecture]
        invocation: manual
        """,
        """
        name: coder-dotnet
        description: Implements .NET issues.
        role: coder
        model: openai/gpt-4.1
        prompt: Implement the issue.
        skills: [csharp, dotnet]
        """,
        """
        name: coder-flutter
        description: Implements Flutter issues.
        role: coder
        model: openai/gpt-4.1
        prompt: Implement the issue.
        skills: [flutter, dart]
        """,
        """
        name: coder-web
        description: Implements web front ends and their APIs.
        role: coder
        model: openai/gpt-4.1
        prompt: Implement the issue.
        skills: [csharp, typescript]
        """,
        """
        name: deployer
        description: Deploys main.
        role: devops
        model: openai/gpt-4.1
        prompt: Deploy.
        skills: [docker]
        on:
          - push: main
        """,
        """
        name: generalist
        description: Implements anything.
        role: coder
        model: openai/gpt-4.1
        prompt: Implement the issue.
        """,
        """
        name: planner
        description: Breaks issues into tasks.
        role: PM
        model: openai/gpt-4.1
        prompt: Plan.
        skills: [planning]
        on:
          - command: plan
          - issues.labeled: needs-plan
        """,
        """
        name: qa
        description: Tests pull requests.
        role: QA
        model: openai/gpt-4.1
        prompt: Test.
        skills: [testing]
        on:
          - pull_request: [ready_for_review]
          - command: test
        skip: reviewer-dotnet.verdict == "changes_requested"
        """,
        """
        name: release-notes
        description: Drafts release notes for merged pull requests.
        model: openai/gpt-4.1
        prompt: Write release notes.
        on:
          - pull_request: [closed]
        """,
        """
        name: reviewer-dotnet
        description: Reviews .NET pull requests.
        role: reviewer
        model: openai/gpt-4.1
        prompt: Review.
        skills: [csharp, dotnet]
        on:
          - pull_request: [opened, synchronize, reopened]
        outputs: [verdict]
        skip: reviewer-dotnet.verdict == "approved"
        """,
        """
        name: reviewer-flutter
        description: Reviews Flutter pull requests.
        role: reviewer
        model: openai/gpt-4.1
        prompt: Review.
        skills: [flutter, dart]
        on:
          - pull_request: [opened, synchronize, reopened]
        """,
        """
        name: reviewer-general
        description: Reviews any new pull request.
        role: reviewer
        model: openai/gpt-4.1
        prompt: Review.
        on:
          - pull_request: [opened]
        """,
        """
        name: security
        description: Looks for vulnerabilities.
        role: security
        model: openai/gpt-4.1
        prompt: Review for security.
        skills: [security, csharp]
        on:
          - pull_request: [opened, synchronize]
        """,
        """
        name: triager
        description: Triages new issues.
        model: openai/gpt-4.1
        prompt: Triage.
        on:
          - issues: [opened]
          - issues.labeled: [needs-triage, agent:triage]
        """,
    ];

    public static IReadOnlyList<AgentDefinition> Roster { get; } = RoutingHarness.Roster(Yamls);
}
