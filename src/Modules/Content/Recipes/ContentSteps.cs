using System.Globalization;
using Content.Data;
using Content.Media;
using Content.Publishing;
using Content.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;
using Platform.Core.Theming;

namespace Content.Recipes;

/// <summary>A page of the <c>pages</c> step.</summary>
internal sealed class PageItem
{
    public string Slug { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    /// <summary>The body: <c>.md</c> (Markdown) or <c>.html</c>, relative to the recipe folder.</summary>
    public string File { get; set; } = string.Empty;

    public bool Published { get; set; } = true;
}

/// <summary>The <c>pages</c> step.</summary>
internal sealed class PagesStepData : RecipeStepData
{
    public List<PageItem> Items { get; set; } = [];
}

/// <summary>A post of the <c>news</c> step.</summary>
internal sealed class NewsItem
{
    public string Slug { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string File { get; set; } = string.Empty;

    /// <summary>File name of an image of the media library.</summary>
    public string? Cover { get; set; }

    /// <summary>ISO 8601 with offset; absent for a draft.</summary>
    public string? PublishAt { get; set; }
}

/// <summary>The <c>news</c> step.</summary>
internal sealed class NewsStepData : RecipeStepData
{
    public List<NewsItem> Items { get; set; } = [];
}

/// <summary>The <c>media</c> step: every file of a folder goes into the media library under its own name.</summary>
internal sealed class MediaStepData : RecipeStepData
{
    public string Folder { get; set; } = string.Empty;
}

/// <summary>A link of the <c>menu</c> step.</summary>
internal sealed class MenuStepItem
{
    public string Title { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;
}

/// <summary>The <c>menu</c> step: the whole menu, in order.</summary>
internal sealed class MenuStepData : RecipeStepData
{
    public List<MenuStepItem> Items { get; set; } = [];
}

/// <summary>An override of the <c>templates</c> step.</summary>
internal sealed class TemplateItem
{
    public string Name { get; set; } = string.Empty;

    public string File { get; set; } = string.Empty;
}

/// <summary>The <c>templates</c> step: template overrides, live at once.</summary>
internal sealed class TemplatesStepData : RecipeStepData
{
    public List<TemplateItem> Items { get; set; } = [];
}

/// <summary>Creates or updates pages by slug.</summary>
internal sealed class PagesStep : RecipeStep<PagesStepData>
{
    public const string StepName = "pages";

    public override string Name => StepName;

    protected override async Task RunAsync(PagesStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<ContentDbContext>();
        var service = context.Services.GetRequiredService<ContentService>();
        for (var i = 0; i < data.Items.Count; i++)
        {
            var item = data.Items[i];
            var (format, body) = await ContentSteps.ReadBodyAsync(context, Name, item.File, cancellationToken);
            var id = await db.Pages.Where(p => p.Slug == item.Slug).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
            await ContentSteps.GuardAsync(Name, i, () => service.SavePageAsync(id, new PageInput(item.Slug, item.Title, item.Description, format, body, item.Published), ContentSteps.Actor, cancellationToken));
        }
    }
}

/// <summary>Creates or updates news posts by slug.</summary>
internal sealed class NewsStep : RecipeStep<NewsStepData>
{
    public const string StepName = "news";

    public override string Name => StepName;

    protected override async Task RunAsync(NewsStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<ContentDbContext>();
        var service = context.Services.GetRequiredService<ContentService>();
        for (var i = 0; i < data.Items.Count; i++)
        {
            var item = data.Items[i];
            DateTime? publishAt = null;
            if (item.PublishAt is not null)
            {
                if (!DateTimeOffset.TryParse(item.PublishAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || !item.PublishAt.Contains('T', StringComparison.Ordinal))
                {
                    throw new RecipeException($"recipe.json: step '{Name}', item {i + 1}: field 'publishAt' ('{item.PublishAt}') must be ISO 8601 with an offset, for example 2023-09-05T08:00:00+07:00.");
                }

                publishAt = at.UtcDateTime;
            }

            var (format, body) = await ContentSteps.ReadBodyAsync(context, Name, item.File, cancellationToken);
            var id = await db.News.Where(p => p.Slug == item.Slug).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
            await ContentSteps.GuardAsync(Name, i, () => service.SaveNewsAsync(id, new NewsInput(item.Slug, item.Title, item.Summary, item.Cover, format, body, publishAt), ContentSteps.Actor, cancellationToken));
        }
    }
}

/// <summary>Puts every file of a folder into the media library (a file of the same name is replaced).</summary>
internal sealed class MediaStep : RecipeStep<MediaStepData>
{
    public const string StepName = "media";

    public override string Name => StepName;

    protected override async Task RunAsync(MediaStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(data.Folder, context.Folder);
        if (string.IsNullOrWhiteSpace(data.Folder) || !folder.StartsWith(Path.GetFullPath(context.Folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !Directory.Exists(folder))
        {
            throw new RecipeException($"recipe.json: step '{Name}': field 'folder' ('{data.Folder}') must name a folder inside the recipe folder.");
        }

        var media = context.Services.GetRequiredService<MediaLibrary>();
        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var existing = await media.FindAsync(name, cancellationToken);
            if (existing is { } found && File.Exists(found.Path)
                && found.File.Sha256 == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken))))
            {
                continue;
            }

            await media.DeleteAsync(name, ContentSteps.Actor, cancellationToken);
            await using var stream = File.OpenRead(path);
            try
            {
                var saved = await media.SaveAsync(name, stream, ContentSteps.Actor, cancellationToken);
                if (saved.FileName != name)
                {
                    throw new RecipeException($"recipe.json: step '{Name}': file '{name}' would be stored as '{saved.FileName}'; name it with lower-case letters, digits and hyphens.");
                }
            }
            catch (MediaException e)
            {
                throw new RecipeException($"recipe.json: step '{Name}': {e.Message}", e);
            }
        }
    }
}

/// <summary>Replaces the menu.</summary>
internal sealed class MenuStep : RecipeStep<MenuStepData>
{
    public const string StepName = "menu";

    public override string Name => StepName;

    protected override Task RunAsync(MenuStepData data, RecipeContext context, CancellationToken cancellationToken) =>
        ContentSteps.GuardAsync(Name, 0, () => context.Services.GetRequiredService<ContentService>()
            .SaveMenuAsync(data.Items.Select(i => new MenuInput(i.Title, i.Url)).ToList(), ContentSteps.Actor, cancellationToken));
}

/// <summary>Stores template overrides and makes them live; a broken one stops the setup with its line and column.</summary>
internal sealed class TemplatesStep : RecipeStep<TemplatesStepData>
{
    public const string StepName = "templates";

    public override string Name => StepName;

    protected override async Task RunAsync(TemplatesStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var editor = context.Services.GetRequiredService<TemplateEditor>();
        foreach (var item in data.Items)
        {
            var source = await File.ReadAllTextAsync(context.ResolveFile(Name, item.File), cancellationToken);
            try
            {
                await editor.PutLiveAsync(item.Name, source, ContentSteps.Actor, cancellationToken);
            }
            catch (TemplateParseException e)
            {
                throw new RecipeException($"{item.File}: {e.Message}", e);
            }
        }
    }
}

/// <summary>What the content steps share.</summary>
internal static class ContentSteps
{
    public const string Actor = "recipe";

    public static async Task<(BodyFormat Format, string Body)> ReadBodyAsync(RecipeContext context, string step, string file, CancellationToken cancellationToken)
    {
        var path = context.ResolveFile(step, file);
        var format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".md" or ".markdown" => BodyFormat.Markdown,
            ".html" or ".htm" => BodyFormat.Html,
            _ => throw new RecipeException($"recipe.json: step '{step}': file '{file}' must be .md (Markdown) or .html."),
        };
        return (format, await File.ReadAllTextAsync(path, cancellationToken));
    }

    public static async Task GuardAsync(string step, int index, Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (ContentValidationException e)
        {
            throw new RecipeException($"recipe.json: step '{step}', item {index + 1}: field '{e.Field}': {e.Message}", e);
        }
    }
}

/// <summary>Writes media, pages, news, menu and template overrides as steps with their files under <c>content/</c>.</summary>
internal sealed class ContentExporter : IRecipeExporter
{
    public int Order => 50;

    public async Task<IReadOnlyList<RecipeStepData>> ExportAsync(TenantInfo tenant, string folder, IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ContentDbContext>();
        var media = services.GetRequiredService<MediaLibrary>();
        var steps = new List<RecipeStepData>();

        var files = await media.ListAsync(cancellationToken);
        if (files.Count > 0)
        {
            var target = Directory.CreateDirectory(Path.Combine(folder, "content", "media")).FullName;
            foreach (var file in files)
            {
                File.Copy(Path.Combine(media.Folder, file.FileName), Path.Combine(target, file.FileName), overwrite: true);
            }

            steps.Add(new MediaStepData { Name = MediaStep.StepName, Folder = "content/media" });
        }

        var pages = await db.Pages.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        if (pages.Count > 0)
        {
            var items = new List<PageItem>();
            foreach (var page in pages)
            {
                items.Add(new PageItem { Slug = page.Slug, Title = page.Title, Description = page.Description, Published = page.Published, File = await WriteBodyAsync(folder, "pages", page.Slug, page.Format, page.Body, cancellationToken) });
            }

            steps.Add(new PagesStepData { Name = PagesStep.StepName, Items = items });
        }

        var news = await db.News.AsNoTracking().OrderBy(p => p.PublishAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        if (news.Count > 0)
        {
            var items = new List<NewsItem>();
            foreach (var post in news)
            {
                items.Add(new NewsItem
                {
                    Slug = post.Slug,
                    Title = post.Title,
                    Summary = post.Summary,
                    Cover = post.Cover,
                    PublishAt = post.PublishAt is { } at ? tenant.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null,
                    File = await WriteBodyAsync(folder, "news", post.Slug, post.Format, post.Body, cancellationToken),
                });
            }

            steps.Add(new NewsStepData { Name = NewsStep.StepName, Items = items });
        }

        var menu = await db.Menu.AsNoTracking().OrderBy(m => m.Position).ToListAsync(cancellationToken);
        if (menu.Count > 0)
        {
            steps.Add(new MenuStepData { Name = MenuStep.StepName, Items = menu.Select(m => new MenuStepItem { Title = m.Title, Url = m.Url }).ToList() });
        }

        var templates = await db.Templates.AsNoTracking().Where(t => t.Source != null).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        if (templates.Count > 0)
        {
            Directory.CreateDirectory(Path.Combine(folder, "content", "templates"));
            foreach (var template in templates)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "content", "templates", template.Name + ".liquid"), template.Source, cancellationToken);
            }

            steps.Add(new TemplatesStepData { Name = TemplatesStep.StepName, Items = templates.Select(t => new TemplateItem { Name = t.Name, File = $"content/templates/{t.Name}.liquid" }).ToList() });
        }

        return steps;
    }

    private static async Task<string> WriteBodyAsync(string folder, string kind, string slug, BodyFormat format, string body, CancellationToken cancellationToken)
    {
        var relative = $"content/{kind}/{slug}{(format == BodyFormat.Markdown ? ".md" : ".html")}";
        Directory.CreateDirectory(Path.Combine(folder, "content", kind));
        await File.WriteAllTextAsync(Path.Combine(folder, relative), body, cancellationToken);
        return relative;
    }
}
