using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AgentBot.Runner.Tools.Workspace;

/// <summary>The text of a file and whether it began with a UTF-8 byte order mark, so a rewrite keeps it.</summary>
internal sealed record TextFile(string Text, bool HasBom)
{
    /// <summary>Larger files are logs, dumps or data, not something a model should read whole.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Like git and ripgrep: a NUL byte in the first 8 KB means binary.</summary>
    public const int BinaryProbeBytes = 8192;

    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding WithBom = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: false);

    /// <summary>
    /// Reads a text file for a tool, or says why not: missing, a folder, too large, binary, or (when
    /// <paramref name="strict"/>) not UTF-8, because rewriting such a file would corrupt its other bytes.
    /// </summary>
    public static bool TryRead(WorkspacePath path, bool strict, [NotNullWhen(true)] out TextFile? file, [NotNullWhen(false)] out string? error)
    {
        file = null;
        if (Directory.Exists(path.FullPath))
        {
            error = $"'{path.Display}' is a directory; use Glob to list its files";
            return false;
        }

        var info = new FileInfo(path.FullPath);
        if (!info.Exists)
        {
            error = $"file '{path.Display}' does not exist";
            return false;
        }

        if (info.Length > MaxBytes)
        {
            error = $"'{path.Display}' is {info.Length / (1024.0 * 1024.0):0.0} MB; files over {MaxBytes / (1024 * 1024)} MB are not read whole. Use Grep, or Bash with head, tail or sed -n";
            return false;
        }

        // Checked before opening: a FIFO also reports length 0, and opening one would block forever.
        if (info.Length == 0)
        {
            file = new TextFile(string.Empty, HasBom: false);
            error = null;
            return true;
        }

        var bytes = File.ReadAllBytes(path.FullPath);
        if (IsBinary(bytes))
        {
            error = $"'{path.Display}' looks binary (a NUL byte in its first 8 KB); only text files can be read or edited";
            return false;
        }

        var hasBom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var body = hasBom ? bytes.AsSpan(Encoding.UTF8.Preamble.Length) : bytes.AsSpan();
        string text;
        try
        {
            text = (strict ? Strict : Lenient).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            error = $"'{path.Display}' is not valid UTF-8; rewriting it here would damage it. Use Bash to change it";
            return false;
        }

        file = new TextFile(text, hasBom);
        error = null;
        return true;
    }

    public static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, BinaryProbeBytes)].Contains((byte)0);

    public static bool IsBinary(string fullPath)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        Span<byte> head = stackalloc byte[BinaryProbeBytes];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return IsBinary(head[..read]);
    }

    /// <summary>
    /// Writes through a temporary file and a rename: a reader never sees half a file, and a hard link
    /// planted in the checkout is replaced rather than written through to the inode it shares.
    /// The file mode is kept, so an executable script stays executable.
    /// </summary>
    public static void Write(string fullPath, string text, bool withBom)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, withBom ? WithBom : Lenient);
            if (!OperatingSystem.IsWindows() && File.Exists(fullPath))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(fullPath));
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Lines as an editor shows them: a final newline does not start another line, and CR of CRLF is hidden.</summary>
    public static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var length = end - start;
            if (length > 0 && text[end - 1] == '\r')
            {
                length--;
            }

            lines.Add(text.Substring(start, length));
            start = end + 1;
        }

        return lines;
    }
}
