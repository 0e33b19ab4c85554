using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Content.Data;
using Content.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>
/// Tenants with a small website: recipes written to a temp folder with the settings of a theme (BacKan: the sample's
/// settings step; Default: culture, time zone and theme only), roles, and content steps (media, pages, news, menu).
/// </summary>
public static partial class ContentSite
{
    public const string BacKan = "BacKan";
    public const string Default = "Default";

    public const string RulesSlug = "the-le";
    public const string RulesTitle = "Thể lệ cuộc thi";
    public const string RulesText = "Mỗi người được thi tối đa ba lần";
    public const string HiddenPageSlug = "ban-nhap";
    public const string LaunchSlug = "phat-dong-cuoc-thi";
    public const string LaunchTitle = "Phát động cuộc thi chuyển đổi số";
    public const string LaunchText = "Sáng nay Ban Tổ chức đã phát động cuộc thi";
    public const string PracticeSlug = "mo-vong-thi-thu";
    public const string PracticeTitle = "Mở vòng thi thử";
    public const string DraftSlug = "tin-nhap";
    public const string DraftTitle = "Tin còn là bản nháp";
    public const string ScheduledSlug = "tin-hen-gio";
    public const string ScheduledTitle = "Tin hẹn giờ năm 2099";
    public const string Cover = "anh-bia.png";

    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static readonly Lazy<string> BacKanRecipe = new(() => WriteRecipe(BacKan));
    private static readonly Lazy<string> DefaultRecipe = new(() => WriteRecipe(Default));

    /// <summary>The recipe folder of a theme's test site.</summary>
    public static string Recipe(string theme) => theme == BacKan ? BacKanRecipe.Value : DefaultRecipe.Value;

    /// <summary>The class the theme's layout puts on its header: how a test tells which theme rendered a page.</summary>
    public static string Marker(string theme) => theme == BacKan ? "class=\"bk-banner\"" : "class=\"site-header\"";

    /// <summary>A tenant set up with the test site in <paramref name="theme"/>.</summary>
    public static Task<TenantInfo> CreateAsync(PlatformFixture fixture, string theme = Default) => fixture.CreateTenantAsync(recipe: Recipe(theme));

    /// <summary>Runs <paramref name="action"/> with a service of the tenant's scope.</summary>
    public static async Task<T> WithAsync<TService, T>(PlatformFixture fixture, TenantInfo tenant, Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = fixture.Scope(tenant);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Runs <paramref name="action"/> with a service of the tenant's scope.</summary>
    public static async Task WithAsync<TService>(PlatformFixture fixture, TenantInfo tenant, Func<TService, Task> action) where TService : notnull
    {
        await using var scope = fixture.Scope(tenant);
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Saves (creates or replaces) a page through the content service.</summary>
    public static async Task<long> SavePageAsync(PlatformFixture fixture, TenantInfo tenant, PageInput input)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(input);
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var id = await db.Pages.Where(p => p.Slug == input.Slug).Select(p => (long?)p.Id).FirstOrDefaultAsync();
        return await scope.ServiceProvider.GetRequiredService<ContentService>().SavePageAsync(id, input, "test", CancellationToken.None);
    }

    /// <summary>The value of a <c>&lt;meta property="..."&gt;</c> of a page, or null.</summary>
    public static string? Meta(string html, string property)
    {
        var match = Regex.Match(html, $"<meta property=\"{Regex.Escape(property)}\" content=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static string WriteRecipe(string theme)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(PlatformFixture.SampleRecipe, "recipe.json")))!.AsObject();
        var steps = new JsonArray();
        if (theme == BacKan)
        {
            // The sample's own settings step (theme BacKan), as the site recipe has it.
            steps.Add(sample["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "settings")!.DeepClone());
        }
        else
        {
            steps.Add(new JsonObject { ["name"] = "settings", ["culture"] = "vi-VN", ["timeZone"] = "Asia/Ho_Chi_Minh", ["theme"] = "Default" });
        }

        steps.Add(new JsonObject { ["name"] = "roles" });
        steps.Add(new JsonObject { ["name"] = "media", ["folder"] = "content/media" });
        steps.Add(new JsonObject
        {
            ["name"] = "pages",
            ["items"] = new JsonArray(
                new JsonObject { ["slug"] = RulesSlug, ["title"] = RulesTitle, ["description"] = "Thể lệ của cuộc thi thử nghiệm", ["file"] = "content/pages/the-le.md" },
                new JsonObject { ["slug"] = "gioi-thieu", ["title"] = "Giới thiệu", ["file"] = "content/pages/gioi-thieu.html" },
                new JsonObject { ["slug"] = HiddenPageSlug, ["title"] = "Trang chưa đăng", ["file"] = "content/pages/gioi-thieu.html", ["published"] = false }),
        });
        steps.Add(new JsonObject
        {
            ["name"] = "news",
            ["items"] = new JsonArray(
                new JsonObject { ["slug"] = PracticeSlug, ["title"] = PracticeTitle, ["summary"] = "Vòng thi thử mở từ hôm nay.", ["file"] = "content/news/thi-thu.md", ["publishAt"] = "2023-09-01T08:00:00+07:00" },
                new JsonObject { ["slug"] = LaunchSlug, ["title"] = LaunchTitle, ["summary"] = "Cuộc thi chính thức được phát động.", ["file"] = "content/news/phat-dong.md", ["cover"] = Cover, ["publishAt"] = "2023-09-05T08:00:00+07:00" },
                new JsonObject { ["slug"] = DraftSlug, ["title"] = DraftTitle, ["summary"] = "Chưa đăng.", ["file"] = "content/news/thi-thu.md" },
                new JsonObject { ["slug"] = ScheduledSlug, ["title"] = ScheduledTitle, ["summary"] = "Hẹn giờ đăng.", ["file"] = "content/news/thi-thu.md", ["publishAt"] = "2099-01-01T08:00:00+07:00" }),
        });
        steps.Add(new JsonObject
        {
            ["name"] = "menu",
            ["items"] = new JsonArray(
                new JsonObject { ["title"] = "Thể lệ", ["url"] = "~/the-le" },
                new JsonObject { ["title"] = "Tin tức", ["url"] = "~/tin-tuc" },
                new JsonObject { ["title"] = "Kết quả", ["url"] = "~/ket-qua" }),
        });

        var recipe = new JsonObject { ["displayName"] = $"Cuộc thi thử nghiệm giao diện {theme}", ["steps"] = steps };
        var folder = Directory.CreateTempSubdirectory($"content-recipe-{theme}-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "content", "media"));
        Directory.CreateDirectory(Path.Combine(folder, "content", "pages"));
        Directory.CreateDirectory(Path.Combine(folder, "content", "news"));
        File.WriteAllText(Path.Combine(folder, "recipe.json"), recipe.ToJsonString());
        File.WriteAllBytes(Path.Combine(folder, "content", "media", Cover), Png);
        File.WriteAllText(Path.Combine(folder, "content", "pages", "the-le.md"), $"## Điều 1\n\n{RulesText}.\n\n| Giải | Số lượng |\n|---|---|\n| Nhất | 01 |\n\nXem [tin tức](~/tin-tuc).\n");
        File.WriteAllText(Path.Combine(folder, "content", "pages", "gioi-thieu.html"), "<p>Cuộc thi do tỉnh tổ chức.</p>");
        File.WriteAllText(Path.Combine(folder, "content", "news", "phat-dong.md"), $"{LaunchText}.\n\n![Ảnh](~/media/{Cover})\n");
        File.WriteAllText(Path.Combine(folder, "content", "news", "thi-thu.md"), "Vòng thi thử giúp làm quen với bài thi.\n");
        return folder;
    }
}
