namespace AgentBot.Testing.FakeGitHub.GitData;

/// <summary>A non-tree entry of a flattened tree (a blob, or a submodule's commit), keyed elsewhere by its full path.</summary>
internal readonly record struct GitFile(string Mode, string Type, string Sha);
