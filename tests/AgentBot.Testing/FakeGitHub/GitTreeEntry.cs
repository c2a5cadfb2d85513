namespace AgentBot.Testing.FakeGitHub;

/// <summary>One entry of one tree: Mode as the API spells it ("100644", "100755", "040000", "160000", "120000"), Type blob, tree or commit.</summary>
public sealed record GitTreeEntry(string Name, string Mode, string Type, string Sha);
