namespace AgentBot.GitHub.Models;

public sealed record Repository(
    long Id,
    string Name,
    string FullName,
    bool Private,
    string DefaultBranch,
    string CloneUrl,
    string? HtmlUrl,
    Account Owner,
    bool Fork = false);

/// <summary>An entry of the contents API: a file (with base64 content) or a directory listing item.</summary>
public sealed record ContentItem(string Type, string Name, string Path, string Sha, long Size, string? Encoding = null, string? Content = null);

/// <summary>A file read through the contents API, decoded.</summary>
public sealed record RepositoryFile(string Path, string Sha, byte[] Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
}
