using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Content.Data;
using Content.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>The content steps of recipes and the content exporter: what one tenant exports, another sets up identically.</summary>
public abstract class ContentRecipeTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task Export_ThenSetUpFromIt_RecreatesPagesNewsMenuMediaAndTemplates()
    {
        var source = await ContentSite.CreateAsync(fixture);
        await ContentSite.WithAsync<TemplateEditor>(fixture, source, e => e.PutLiveAsync("Home", "<h1>Trang chủ riêng</h1>", "test", CancellationToken.None));
        var export = Path.Combine(fixture.DataPath, "exports", Guid.NewGuid().ToString("N"));
        await using (var scope = fixture.Scope(null))
        {
            await scope.ServiceProvider.GetRequiredService<TenantExporter>().ExportAsync(source.Name, export, CancellationToken.None);
        }

        var clone = await fixture.CreateTenantAsync(recipe: export);

        Assert.Equal(await SnapshotAsync(source), await SnapshotAsync(clone));
        Assert.Contains("<h1>Trang chủ riêng</h1>", await fixture.CreateClient().GetStringAsync($"/{clone.Prefix}/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecipeSetUpTwice_IntoTheSameTenant_UpdatesInsteadOfDuplicating()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var before = await SnapshotAsync(tenant);

        await using (var scope = fixture.Scope(null))
        {
            // Running the recipe's steps again (as an update of the same site would) must keep one row per slug and file.
            var reader = scope.ServiceProvider.GetRequiredService<RecipeReader>();
            var recipe = reader.Read(ContentSite.Recipe(ContentSite.Default));
            await using var tenantScope = fixture.Scope(tenant);
            foreach (var step in recipe.Steps.Where(s => s.Data.Name is "pages" or "news" or "media" or "menu"))
            {
                await step.Handler.ExecuteAsync(step.Data, new RecipeContext(tenant, recipe.Folder, tenantScope.ServiceProvider, TextWriter.Null), CancellationToken.None);
            }
        }

        Assert.Equal(before, await SnapshotAsync(tenant));
    }

    [Fact]
    public async Task TemplatesStep_WithABrokenTemplate_StopsTheSetupNamingTheLine()
    {
        var folder = CopyRecipe(ContentSite.Recipe(ContentSite.Default));
        File.WriteAllText(Path.Combine(folder, "Home.liquid"), "<h1>Trang chủ</h1>\n{{ site.display_name | }}");
        AddStep(folder, new JsonObject { ["name"] = "templates", ["items"] = new JsonArray(new JsonObject { ["name"] = "Home", ["file"] = "Home.liquid" }) });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.CreateTenantAsync(recipe: folder));

        Assert.Contains("Home.liquid", error.Message, StringComparison.Ordinal);
        Assert.Contains("dòng 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MediaStep_FolderOutsideTheRecipe_IsRefused()
    {
        // A sibling folder whose name starts with the recipe folder's name: "<recipe>-outside" is not inside "<recipe>".
        var folder = CopyRecipe(ContentSite.Recipe(ContentSite.Default));
        var outside = folder + "-outside";
        Directory.CreateDirectory(outside);
        File.WriteAllBytes(Path.Combine(outside, "bi-mat.png"), ContentSite.Png);
        AddStep(folder, new JsonObject { ["name"] = "media", ["folder"] = $"../{Path.GetFileName(outside)}" });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.CreateTenantAsync(recipe: folder));

        Assert.Contains("folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewsStep_PublishAtWithoutOffset_IsRefused()
    {
        var folder = CopyRecipe(ContentSite.Recipe(ContentSite.Default));
        AddStep(folder, new JsonObject
        {
            ["name"] = "news",
            ["items"] = new JsonArray(new JsonObject { ["slug"] = "tin-sai-ngay", ["title"] = "Sai ngày", ["summary"] = "x", ["file"] = "content/news/thi-thu.md", ["publishAt"] = "05/09/2023" }),
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.CreateTenantAsync(recipe: folder));

        Assert.Contains("publishAt", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> SnapshotAsync(TenantInfo tenant)
    {
        await using var scope = fixture.Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var lines = new List<string>();
        lines.AddRange((await db.Pages.AsNoTracking().OrderBy(p => p.Slug).ToListAsync())
            .Select(p => $"page|{p.Slug}|{p.Title}|{p.Description}|{p.Format}|{p.Body}|{p.Html}|{p.Published}"));
        lines.AddRange((await db.News.AsNoTracking().OrderBy(p => p.Slug).ToListAsync())
            .Select(p => $"news|{p.Slug}|{p.Title}|{p.Summary}|{p.Cover}|{p.Format}|{p.Body}|{p.Html}|{p.PublishAt:O}"));
        lines.AddRange((await db.Menu.AsNoTracking().OrderBy(m => m.Position).ToListAsync()).Select(m => $"menu|{m.Position}|{m.Title}|{m.Url}"));
        var media = scope.ServiceProvider.GetRequiredService<global::Content.Media.MediaLibrary>();
        foreach (var file in (await media.ListAsync(CancellationToken.None)).OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(media.Folder, file.FileName));
            lines.Add($"media|{file.FileName}|{file.ContentType}|{file.Length}|{file.Width}x{file.Height}|{file.Sha256}|{Convert.ToHexStringLower(SHA256.HashData(bytes))}");
        }

        lines.AddRange((await db.Templates.AsNoTracking().OrderBy(t => t.Name).ToListAsync()).Select(t => $"template|{t.Name}|{t.Source}|{t.Draft}"));
        return lines;
    }

    private static string CopyRecipe(string from)
    {
        var to = Directory.CreateTempSubdirectory("content-recipe-copy-").FullName;
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }

    private static void AddStep(string folder, JsonObject step)
    {
        var path = Path.Combine(folder, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        recipe["steps"]!.AsArray().Add(step);
        File.WriteAllText(path, recipe.ToJsonString());
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteContentRecipeTests(SqliteFixture fixture) : ContentRecipeTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresContentRecipeTests(PostgresFixture fixture) : ContentRecipeTests<PostgresFixture>(fixture);
