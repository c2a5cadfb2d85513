namespace AgentBot.GitHub.Http;

/// <summary>Reads RFC 8288 <c>Link</c> headers as GitHub sends them for pagination.</summary>
public static class LinkHeader
{
    public static Uri? Find(IEnumerable<string> values, string rel)
    {
        foreach (var value in values)
        {
            foreach (var part in value.Split(','))
            {
                var segments = part.Split(';');
                var target = segments[0].Trim();
                if (target.Length < 2 || target[0] != '<' || target[^1] != '>')
                {
                    continue;
                }

                var matches = segments.Skip(1).Select(s => s.Trim()).Any(s =>
                    s.Equals($"rel=\"{rel}\"", StringComparison.OrdinalIgnoreCase) || s.Equals($"rel={rel}", StringComparison.OrdinalIgnoreCase));
                if (matches && Uri.TryCreate(target[1..^1], UriKind.Absolute, out var uri))
                {
                    return uri;
                }
            }
        }

        return null;
    }
}
