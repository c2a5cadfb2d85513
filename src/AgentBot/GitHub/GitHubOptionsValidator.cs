using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AgentBot.GitHub;

/// <summary>Fails at start, naming the key, rather than at the first webhook. No GitHub settings at all is local mode.</summary>
public sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var failures = new List<string>();
        if (!options.ApiUrl.IsAbsoluteUri || options.ApiUrl.Scheme is not ("http" or "https"))
        {
            failures.Add($"GitHub:ApiUrl must be an absolute http or https URL, got '{options.ApiUrl}'.");
        }

        var anyAppSetting = options.AppId is not null || !string.IsNullOrWhiteSpace(options.PrivateKey) || !string.IsNullOrWhiteSpace(options.PrivateKeyPath);
        if (anyAppSetting)
        {
            if (options.AppId is null or <= 0)
            {
                failures.Add("GitHub:AppId must be the GitHub App's numeric id when a private key is configured.");
            }

            if (!string.IsNullOrWhiteSpace(options.PrivateKey) && !string.IsNullOrWhiteSpace(options.PrivateKeyPath))
            {
                failures.Add("Set only one of GitHub:PrivateKey and GitHub:PrivateKeyPath.");
            }
            else if (string.IsNullOrWhiteSpace(options.PrivateKey) && string.IsNullOrWhiteSpace(options.PrivateKeyPath))
            {
                failures.Add("GitHub:PrivateKey or GitHub:PrivateKeyPath is required when GitHub:AppId is set.");
            }
            else if (AppPrivateKey.TryLoad(options, out var error) is { } key)
            {
                key.Dispose();
            }
            else
            {
                failures.Add(error!);
            }
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("GitHub:RequestTimeout must be positive.");
        }

        if (options.MaxTransientRetries is < 0 or > 10)
        {
            failures.Add("GitHub:MaxTransientRetries must be between 0 and 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Loads the app's RSA key from PEM text or a file.</summary>
public static class AppPrivateKey
{
    public static RSA? TryLoad(GitHubOptions options, out string? error)
    {
        string pem;
        string key;
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            key = "GitHub:PrivateKeyPath";
            if (!File.Exists(options.PrivateKeyPath))
            {
                error = $"{key}: no such file '{options.PrivateKeyPath}'.";
                return null;
            }

            pem = File.ReadAllText(options.PrivateKeyPath);
        }
        else
        {
            key = "GitHub:PrivateKey";
            pem = options.PrivateKey!.Replace("\\n", "\n", StringComparison.Ordinal);
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            error = null;
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            // Never echo the key material itself.
            error = $"{key} is not a PEM-encoded RSA private key ({ex.GetType().Name}).";
            return null;
        }
    }
}
