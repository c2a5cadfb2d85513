namespace AgentBot.GitHub.Http;

/// <summary>GitHub refuses comment bodies and check-run texts over 65,535 characters; cut them cleanly instead.</summary>
public static class GitHubText
{
    public const int MaxLength = 65_535;

    public static string Limit(string text, int maxLength = MaxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var note = $"\n\n… (truncated by AgentBot: {text.Length:N0} characters, GitHub shows at most {maxLength:N0})";
        const string CloseFence = "\n```";
        var keep = maxLength - note.Length - CloseFence.Length;
        // Prefer ending on a line break, and never split a surrogate pair.
        var lineEnd = text.LastIndexOf('\n', keep - 1, Math.Min(keep, 2_000));
        if (lineEnd > 0)
        {
            keep = lineEnd;
        }
        else if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        var kept = text.AsSpan(0, keep);
        // A code block left open by the cut would swallow the note and everything after it.
        var fenceOpen = kept.Count("```".AsSpan()) % 2 == 1;
        return string.Concat(kept, fenceOpen ? CloseFence : string.Empty, note);
    }
}
