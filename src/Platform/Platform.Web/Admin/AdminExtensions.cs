using Platform.Core.Identity;
using Platform.Core.Modules;
using Platform.Core.Tenancy;

namespace Platform.Web.Admin;

/// <summary>The server-rendered admin: host admin at <c>/admin</c>, tenant admin at <c>{t}/admin</c>.</summary>
internal static class AdminExtensions
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var modules = (ModuleCatalog)builder.Services.Single(d => d.ServiceType == typeof(ModuleCatalog)).ImplementationInstance!;
        var razorPages = builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", UsersModule.AccessAdmin);
            o.Conventions.AuthorizeFolder("/HostAdmin", TenantsModule.ManageTenants);
            o.Conventions.AddFolderApplicationModelConvention("/HostAdmin", m => m.EndpointMetadata.Add(new EndpointScopeMetadata(EndpointScope.Host)));
            o.Conventions.AddFolderApplicationModelConvention("/Host", m => m.EndpointMetadata.Add(new EndpointScopeMetadata(EndpointScope.Host)));
            o.Conventions.AddFolderApplicationModelConvention("/Account", m => m.EndpointMetadata.Add(new EndpointScopeMetadata(EndpointScope.Any)));
        });

        // Modules bring their admin pages (Razor class libraries).
        foreach (var assembly in modules.Modules.Select(m => m.GetType().Assembly).Distinct().Where(a => a != typeof(ModuleCatalog).Assembly))
        {
            razorPages.AddApplicationPart(assembly);
        }

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AdminMenu>();
        return builder;
    }

    public static WebApplication MapAdmin(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
