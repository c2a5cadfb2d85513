using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AgentBot.Testing.FakeGitHub;

/// <summary>
/// GitHub's page-based lists: per_page (default 30, at most 100) and page (from 1), with a Link header of absolute
/// URLs in GitHub's order: prev, next, last, first (next and last while more pages follow, prev and first after page 1).
/// </summary>
internal static class Pagination
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 100;

    public static List<T> Page<T>(HttpContext context, Uri baseUrl, IReadOnlyList<T> items)
    {
        var perPage = Number(context.Request.Query["per_page"], DefaultPerPage);
        perPage = perPage < 1 ? DefaultPerPage : Math.Min(perPage, MaxPerPage);
        var page = Math.Max(1, Number(context.Request.Query["page"], 1));
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);

        var links = new List<string>();
        if (page > 1)
        {
            links.Add(Link(context, baseUrl, page - 1, "prev"));
        }

        if (page < last)
        {
            links.Add(Link(context, baseUrl, page + 1, "next"));
            links.Add(Link(context, baseUrl, last, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(context, baseUrl, 1, "first"));
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        var skip = (int)Math.Min(int.MaxValue, (long)(page - 1) * perPage);
        return [.. items.Skip(skip).Take(perPage)];
    }

    private static int Number(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    // The other query parameters stay as the client sent them; page moves to the end, as in GitHub's links.
    private static string Link(HttpContext context, Uri baseUrl, int page, string rel)
    {
        var parameters = (context.Request.QueryString.Value ?? string.Empty).TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("page=", StringComparison.Ordinal))
            .Append(string.Create(CultureInfo.InvariantCulture, $"page={page}"));
        var path = (context.Request.Path.Value ?? "/").TrimStart('/');
        return $"<{baseUrl}{path}?{string.Join('&', parameters)}>; rel=\"{rel}\"";
    }
}
