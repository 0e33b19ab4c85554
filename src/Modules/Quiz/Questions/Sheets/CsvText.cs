using System.Buffers;
using System.Globalization;
using System.Text;

namespace Quiz.Questions.Sheets;

/// <summary>RFC 4180 CSV: quoted fields may hold separators, quotes ("") and line breaks.</summary>
internal static class CsvText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",;\"\r\n\t");

    public static bool LooksLikeZip(MemoryStream buffer) =>
        buffer.Length >= 4 && buffer.GetBuffer() is [0x50, 0x4B, 0x03, 0x04, ..];

    /// <summary>Decodes UTF-8, with or without BOM; false when the bytes are not UTF-8 (an ANSI export, for instance).</summary>
    public static bool TryDecode(MemoryStream buffer, out string text)
    {
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    /// <summary>The records of <paramref name="text"/>. The separator is the first of comma, semicolon or tab found outside quotes in the first line.</summary>
    public static IEnumerable<IReadOnlyList<string>> Parse(string text)
    {
        var separator = DetectSeparator(text);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return fields;
                fields = [];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }

    /// <summary>Writes UTF-8 with BOM (so Excel shows Vietnamese correctly), comma-separated, CRLF line ends.</summary>
    public static void Write(Stream stream, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', headers.Select(Quote)));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', row.Select(v => Quote(v switch
            {
                null => string.Empty,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? string.Empty,
            }))));
        }
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(NeedQuotes) >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;

    private static char DetectSeparator(string text)
    {
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is ',' or ';' or '\t')
            {
                return c;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
        }

        return ',';
    }
}
