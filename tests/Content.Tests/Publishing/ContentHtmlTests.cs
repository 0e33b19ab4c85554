using Content.Data;
using Content.Publishing;

namespace Content.Tests.Publishing;

/// <summary>What an editor writes is rendered and sanitized before it is stored; links inside the site are resolved when shown.</summary>
public sealed class ContentHtmlTests
{
    public static TheoryData<BodyFormat, string, string> Dangerous => new()
    {
        { BodyFormat.Html, "<p>Xin chào</p><script>alert('x')</script>", "<script" },
        { BodyFormat.Markdown, "Xin chào\n\n<script>alert('x')</script>", "<script" },
        { BodyFormat.Html, "<img src=\"x.png\" onerror=\"alert(1)\">", "onerror" },
        { BodyFormat.Markdown, "Ảnh <img src=\"x.png\" onerror=\"alert(1)\"> đây", "onerror" },
        { BodyFormat.Html, "<p onclick=\"alert(1)\">Bấm</p>", "onclick" },
        { BodyFormat.Markdown, "<p onclick=\"alert(1)\">Bấm</p>", "onclick" },
        { BodyFormat.Html, "<a href=\"javascript:alert(1)\">Mở</a>", "javascript:" },
        { BodyFormat.Markdown, "[Mở](javascript:alert(1))", "javascript:" },
        { BodyFormat.Html, "<iframe src=\"https://evil.example/\"></iframe><p>Sau</p>", "<iframe" },
        { BodyFormat.Markdown, "<iframe src=\"https://evil.example/\"></iframe>\n\nSau", "<iframe" },
        { BodyFormat.Html, "<form action=\"https://evil.example/\"><input name=\"p\"><button>Gửi</button></form>", "<form" },
        { BodyFormat.Markdown, "<form action=\"https://evil.example/\"><input name=\"p\"></form>\n\nSau", "<form" },
        { BodyFormat.Html, "<p style=\"position:fixed;top:0\">Che trang</p>", "style=" },
        { BodyFormat.Markdown, "<p style=\"position:fixed;top:0\">Che trang</p>", "style=" },
    };

    [Theory]
    [MemberData(nameof(Dangerous))]
    public void Render_DangerousMarkup_IsRemoved(BodyFormat format, string body, string forbidden)
    {
        var html = ContentHtml.Render(format, body);

        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_FormWithInputs_DropsTheInputsToo()
    {
        var html = ContentHtml.Render(BodyFormat.Html, "<form><input name=\"password\"><textarea>x</textarea><select><option>1</option></select><button>Gửi</button></form>");

        Assert.DoesNotContain("<input", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<textarea", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<select", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<button", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_DangerousMarkup_KeepsTheHarmlessTextAround()
    {
        var html = ContentHtml.Render(BodyFormat.Html, "<p onclick=\"alert(1)\">Bấm vào đây</p><script>alert(2)</script>");

        Assert.Contains("<p>Bấm vào đây</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OrdinaryMarkdown_Survives()
    {
        const string Body = """
            # Thể lệ cuộc thi

            ## Đối tượng

            - Cán bộ, công chức
            - Nhân dân

            1. Đăng ký
            2. Làm bài

            | Giải | Số lượng |
            |------|----------|
            | Nhất | 01 |

            Xem [hướng dẫn](~/huong-dan) hoặc [trang tỉnh](https://backan.gov.vn/).

            ![Ảnh minh họa](~/media/x.png)
            """;

        var html = ContentHtml.Render(BodyFormat.Markdown, Body);

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Thể lệ cuộc thi</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<ul>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Cán bộ, công chức</li>", html, StringComparison.Ordinal);
        Assert.Contains("<ol>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Giải</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Nhất</td>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"~/huong-dan\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://backan.gov.vn/\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"~/media/x.png\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Ảnh minh họa\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HtmlBody_KeepsOrdinaryElementsAndClasses()
    {
        var html = ContentHtml.Render(BodyFormat.Html, "<h2 class=\"note\">Lưu ý</h2><p><strong>Đậm</strong> <a href=\"https://example.vn/\">liên kết</a> <img src=\"~/media/a.png\" alt=\"a\"></p>");

        Assert.Contains("<h2 class=\"note\">Lưu ý</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Đậm</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.vn/\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"~/media/a.png\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveLinks_TildeInHrefAndSrc_BecomesTheBasePath()
    {
        var html = "<p><a href=\"~/the-le\">Thể lệ</a> <img src=\"~/media/x.png\" alt=\"\"></p>";

        var resolved = ContentHtml.ResolveLinks(html, "/backan-2023");

        Assert.Equal("<p><a href=\"/backan-2023/the-le\">Thể lệ</a> <img src=\"/backan-2023/media/x.png\" alt=\"\"></p>", resolved);
    }

    [Fact]
    public void ResolveLinks_TildeOutsideHrefAndSrc_IsLeftAlone()
    {
        var html = "<p title=\"~/x\">Gõ ~/the-le vào thanh địa chỉ</p><a href=\"https://example.vn/~/a\">x</a>";

        var resolved = ContentHtml.ResolveLinks(html, "/backan-2023");

        Assert.Equal(html, resolved);
    }

    [Fact]
    public void ResolveLinks_AtHostRoot_GivesRootPaths()
    {
        Assert.Equal("<a href=\"/tin-tuc\">x</a>", ContentHtml.ResolveLinks("<a href=\"~/tin-tuc\">x</a>", string.Empty));
    }

    [Theory]
    [InlineData("Thể lệ cuộc thi", "the-le-cuoc-thi")]
    [InlineData("Đăng ký", "dang-ky")]
    [InlineData("Giới thiệu", "gioi-thieu")]
    [InlineData("Hướng dẫn dự thi", "huong-dan-du-thi")]
    [InlineData("Tài liệu tham khảo (2023)", "tai-lieu-tham-khao-2023")]
    [InlineData("  Kết quả -- vòng 1!  ", "ket-qua-vong-1")]
    [InlineData("ĐẶC BIỆT", "dac-biet")]
    public void Slugify_VietnameseTitle_GivesAsciiSlug(string title, string expected)
    {
        var slug = ContentHtml.Slugify(title);

        Assert.Equal(expected, slug);
        Assert.True(ContentHtml.IsSlug(slug));
    }

    [Fact]
    public void Slugify_VeryLongTitle_IsCutAt80WithoutTrailingHyphen()
    {
        var slug = ContentHtml.Slugify(string.Join(' ', Enumerable.Repeat("chuyển đổi số", 20)));

        Assert.True(slug.Length <= 80, slug);
        Assert.False(slug.EndsWith('-'));
        Assert.True(ContentHtml.IsSlug(slug));
    }

    [Theory]
    [InlineData("the-le", true)]
    [InlineData("tin-2023", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("The-le", false)]
    [InlineData("thể-lệ", false)]
    [InlineData("the--le", false)]
    [InlineData("-the-le", false)]
    [InlineData("the-le-", false)]
    [InlineData("the le", false)]
    [InlineData("the_le", false)]
    [InlineData("../admin", false)]
    public void IsSlug_Candidate_IsAcceptedOnlyWhenLowerAsciiWithSingleHyphens(string? candidate, bool expected)
    {
        Assert.Equal(expected, ContentHtml.IsSlug(candidate));
    }

    [Fact]
    public void IsSlug_LongerThan120_IsRefused()
    {
        Assert.True(ContentHtml.IsSlug(new string('a', 120)));
        Assert.False(ContentHtml.IsSlug(new string('a', 121)));
    }
}
