using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;

namespace Platform.Core.Theming;

/// <summary>Thrown when a template cannot be parsed; the message names the template, line and column.</summary>
/// <param name="message">What is wrong and where.</param>
/// <param name="line">Line (1-based), when known.</param>
/// <param name="column">Column (1-based), when known.</param>
public sealed class TemplateParseException(string message, int? line, int? column) : Exception(message)
{
    /// <summary>Line (1-based), when known.</summary>
    public int? Line { get; } = line;

    /// <summary>Column (1-based), when known.</summary>
    public int? Column { get; } = column;
}

/// <summary>Parses Liquid: one shared parser (it is thread-safe) for theme files and stored overrides alike.</summary>
public static partial class ThemeTemplates
{
    private static readonly FluidParser Parser = new();

    /// <summary>Parses <paramref name="source"/>; throws <see cref="TemplateParseException"/> naming <paramref name="name"/>, line and column.</summary>
    public static IFluidTemplate Parse(string source, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Parser.TryParse(source, out var template, out var error))
        {
            return template;
        }

        // Fluid reports "<what> at (line:col)" on the first line, then "Source:" and the line at fault.
        var what = (error ?? "không đọc được mẫu").Split('\n', 2)[0].Trim();
        var match = PositionPattern().Match(what);
        if (!match.Success)
        {
            throw new TemplateParseException($"{name}: {what}", null, null);
        }

        var line = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        throw new TemplateParseException($"{name}, dòng {line}, cột {column}: {match.Groups[1].Value}", line, column);
    }

    [GeneratedRegex(@"^(.*) at \((\d+):(\d+)\)$")]
    private static partial Regex PositionPattern();
}
