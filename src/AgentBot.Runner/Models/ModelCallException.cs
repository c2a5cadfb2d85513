namespace AgentBot.Runner.Models;

/// <summary>
/// A model call that failed for good: refused (4xx other than 408, 409 and 429), or still failing after the
/// provider's retries. Carries the provider, the status and the provider's message with any API key scrubbed
/// out; never the key, and never the SDK's exception (whose message may quote the request).
/// </summary>
public sealed class ModelCallException : Exception
{
    public ModelCallException(string provider, string modelId, int? statusCode, int attempts, bool transient, string providerMessage, string? hint = null, Exception? transportFailure = null)
        : base(Describe(provider, modelId, statusCode, attempts, transient, providerMessage, hint), transportFailure)
    {
        Provider = provider;
        ModelId = modelId;
        StatusCode = statusCode;
        Attempts = attempts;
        Transient = transient;
        ProviderMessage = providerMessage;
    }

    /// <summary>The provider's configured name (<c>Models:Providers:&lt;name&gt;</c>).</summary>
    public string Provider { get; }

    public string ModelId { get; }

    /// <summary>The last HTTP status; null when no answer came (a timeout or a connection failure).</summary>
    public int? StatusCode { get; }

    /// <summary>How many attempts were made, the first included.</summary>
    public int Attempts { get; }

    /// <summary>True when the last failure was of a kind worth retrying (the retries ran out); false when it was refused.</summary>
    public bool Transient { get; }

    /// <summary>What the provider said (its error message), or what went wrong on the way, with keys scrubbed.</summary>
    public string ProviderMessage { get; }

    public bool IsUnauthorized => StatusCode is 401 or 403;

    private static string Describe(string provider, string modelId, int? status, int attempts, bool transient, string message, string? hint)
    {
        var what = status is { } code ? $"HTTP {code}" : "no answer";
        var tries = transient ? $" after {attempts} attempt{(attempts == 1 ? string.Empty : "s")}" : string.Empty;
        var advice = hint is null ? string.Empty : $" ({hint})";
        return $"Model call to {provider}/{modelId} failed{tries}: {what}{advice}: {message}";
    }
}
