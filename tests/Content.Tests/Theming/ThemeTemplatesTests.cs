using Fluid;
using Platform.Core.Theming;

namespace Content.Tests.Theming;

/// <summary>A broken template is refused with its name, line and column, so an editor can find the mistake.</summary>
public sealed class ThemeTemplatesTests
{
    [Fact]
    public void Parse_BrokenFilterOnLineTwo_ThrowsWithLineColumnAndName()
    {
        var error = Assert.Throws<TemplateParseException>(() => ThemeTemplates.Parse("line1\n{{ x | }}", "Home"));

        Assert.Equal(2, error.Line);
        Assert.NotNull(error.Column);
        Assert.True(error.Column > 0, $"column {error.Column}");
        Assert.StartsWith("Home", error.Message, StringComparison.Ordinal);
        Assert.Contains("dòng 2", error.Message, StringComparison.Ordinal);
        Assert.Contains($"cột {error.Column}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedTagOnLineThree_ReportsAPosition()
    {
        var error = Assert.Throws<TemplateParseException>(() => ThemeTemplates.Parse("<h1>{{ title }}</h1>\n<p>a</p>\n{% if user %}<p>b</p>", "Layout"));

        Assert.StartsWith("Layout", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public async Task Parse_ValidTemplate_Renders()
    {
        var template = ThemeTemplates.Parse("<p>{{ name | upcase }}</p>", "Page");

        var context = new TemplateContext(new { name = "bắc kạn" });

        Assert.Equal("<p>BẮC KẠN</p>", await template.RenderAsync(context, ThemeRenderer.Encoder));
    }
}
