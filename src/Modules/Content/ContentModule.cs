using Content.Data;
using Content.Media;
using Content.Publishing;
using Content.Recipes;
using Content.Site;
using Content.Templates;
using Fluid;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core;
using Platform.Core.Data;
using Platform.Core.Identity;
using Platform.Core.Modules;
using Platform.Core.Recipes;
using Platform.Core.Theming;

namespace Content;

/// <summary>
/// The tenant's website: home, pages, news, media library, menu, template overrides, the feed, sitemap and robots.txt,
/// QR codes and the embeddable banner. Editors run it in the tenant admin.
/// </summary>
public sealed class ContentModule : IModule
{
    /// <summary>Edit pages, news, media, the menu and template overrides.</summary>
    public const string ManageContent = "content.manage";

    /// <inheritdoc />
    public string Name => "Content";

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => ["Settings"];

    /// <inheritdoc />
    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(ManageContent, "Biên tập trang, tin tức, thư viện ảnh, menu và giao diện", [PlatformRoles.TenantAdmin, PlatformRoles.Editor]),
    ];

    /// <inheritdoc />
    public IReadOnlyList<AdminMenuItem> AdminMenu =>
    [
        new("Trang", "/admin/content/pages", ManageContent, 50),
        new("Tin tức", "/admin/content/news", ManageContent, 51),
        new("Thư viện ảnh", "/admin/content/media", ManageContent, 52),
        new("Menu", "/admin/content/menu", ManageContent, 53),
        new("Mẫu giao diện", "/admin/content/templates", ManageContent, 54),
        new("Chia sẻ, mã QR", "/admin/content/share", ManageContent, 55),
    ];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleDbContext<ContentDbContext, SqliteContentDbContext, PostgresContentDbContext>(ContentDbContext.Module, options.Database.Provider);
        services.AddScoped<ContentService>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<TemplateEditor>();
        services.AddSingleton<TemplateOverrideStore>();
        services.AddSingleton<ITemplateOverrides>(sp => sp.GetRequiredService<TemplateOverrideStore>());
        services.AddSingleton<Platform.Core.Distributed.IBusHandler, TemplateOverrideEvictions>();
        services.AddScoped<ISiteMenu, ContentMenu>();
        services.AddSingleton<IRecipeStep, PagesStep>();
        services.AddSingleton<IRecipeStep, NewsStep>();
        services.AddSingleton<IRecipeStep, MediaStep>();
        services.AddSingleton<IRecipeStep, MenuStep>();
        services.AddSingleton<IRecipeStep, TemplatesStep>();
        services.AddSingleton<IRecipeExporter, ContentExporter>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapShareLinks();
        endpoints.MapPublicSite();
    }

    /// <inheritdoc />
    public void ConfigureTemplates(TemplateOptions options) => PublicSite.RegisterViewModels(options);
}
