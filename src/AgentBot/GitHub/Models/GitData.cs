using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentBot.GitHub.Models;

public sealed record GitTree(string Sha, IReadOnlyList<GitTreeEntry> Tree, bool Truncated);

public sealed record GitTreeEntry(string Path, string Mode, string Type, string? Sha, long? Size = null);

public sealed record GitBlob(string Sha, long Size, string Content, string Encoding);

public sealed record CreateBlobRequest(string Content, string Encoding);

public sealed record CreatedObject(string Sha);

public sealed record CreateTreeRequest(string? BaseTree, IReadOnlyList<NewTreeEntry> Tree);

/// <summary>
/// One path of a new tree: its new content, an existing blob's sha, or (both null) a deletion.
/// GitHub needs an explicit <c>"sha": null</c> to delete, which the default null handling would drop.
/// </summary>
[JsonConverter(typeof(NewTreeEntryConverter))]
public sealed record NewTreeEntry(string Path, string Mode = "100644", string Type = "blob", string? Sha = null, string? Content = null)
{
    public static NewTreeEntry Delete(string path) => new(path);

    public static NewTreeEntry File(string path, string content, bool executable = false) => new(path, executable ? "100755" : "100644", Content: content);

    public bool IsDeletion => Sha is null && Content is null;
}

public sealed class NewTreeEntryConverter : JsonConverter<NewTreeEntry>
{
    public override NewTreeEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("NewTreeEntry is only ever sent to GitHub.");

    public override void Write(Utf8JsonWriter writer, NewTreeEntry value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("path", value.Path);
        writer.WriteString("mode", value.Mode);
        writer.WriteString("type", value.Type);
        if (value.Content is not null)
        {
            writer.WriteString("content", value.Content);
        }
        else
        {
            writer.WriteString("sha", value.Sha); // null: delete the path
        }

        writer.WriteEndObject();
    }
}

public sealed record GitSignature(string Name, string Email, DateTimeOffset? Date = null);

public sealed record CreateCommitRequest(string Message, string Tree, IReadOnlyList<string> Parents, GitSignature? Author = null);

public sealed record GitCommit(string Sha, string Message, ShaReference Tree, IReadOnlyList<ShaReference> Parents, string? HtmlUrl = null);

public sealed record GitReference(string Ref, GitReferenceTarget Object);

public sealed record GitReferenceTarget(string Sha, string Type);

public sealed record CreateReferenceRequest(string Ref, string Sha);

public sealed record UpdateReferenceRequest(string Sha, bool Force);

public sealed record Comparison(
    string Status,
    int AheadBy,
    int BehindBy,
    int TotalCommits,
    ShaReference? MergeBaseCommit,
    IReadOnlyList<ComparedCommit> Commits,
    IReadOnlyList<PullRequestFile>? Files);

public sealed record ComparedCommit(string Sha, ComparedCommitDetail Commit);

public sealed record ComparedCommitDetail(string Message);
