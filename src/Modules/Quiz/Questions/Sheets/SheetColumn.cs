using System.Globalization;
using System.Text;

namespace Quiz.Questions.Sheets;

/// <summary>A column of an import format: its English header, its Vietnamese header and other accepted spellings.</summary>
internal sealed class SheetColumn(string name, string vietnameseName, bool required = false, int? maxLength = null, params string[] aliases)
{
    /// <summary>The English header, written by exports.</summary>
    public string Name => name;

    /// <summary>The Vietnamese header (CONTRACT.md names it in brackets).</summary>
    public string VietnameseName => vietnameseName;

    /// <summary>Whether a file without this header is refused.</summary>
    public bool Required => required;

    /// <summary>The longest value the database holds, or null when another rule bounds it.</summary>
    public int? MaxLength => maxLength;

    /// <summary>Every accepted header, normalized.</summary>
    public IEnumerable<string> Keys => new[] { name, vietnameseName }.Concat(aliases).Select(NormalizeHeader);

    /// <summary>
    /// Headers are matched ignoring case, spaces, punctuation and Vietnamese diacritics, so "Đáp án đúng",
    /// "đáp án  đúng" and "Dap an dung" are one header.
    /// </summary>
    public static string NormalizeHeader(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (c is 'đ' or 'Đ')
            {
                builder.Append('d');
            }
            else if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Excel's letter for a 0-based column index: A, B, ..., Z, AA, ...</summary>
    public static string Letter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>The 0-based index of an Excel column letter (A = 0).</summary>
    public static int IndexOf(string letters)
    {
        var index = 0;
        foreach (var c in letters)
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{name} [{vietnameseName}]");
}
