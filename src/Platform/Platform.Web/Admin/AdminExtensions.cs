using Platform.Core.Identity;
using Platform.Core.Tenancy;

namespace Platform.Web.Admin;

/// <summary>The server-rendered admin: host admin at <c>/admin</c>, tenant admin at <c>{t}/admin</c>.</summary>
internal static class AdminExtensions
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", UsersModule.AccessAdmin);
            o.Conventions.AuthorizeFolder("/HostAdmin", TenantsModule.ManageTenants);
            o.Conventions.AddFolderApplicationModelConvention("/HostAdmin", m => m.EndpointMetadata.Add(new EndpointScopeMetadata(EndpointScope.Host)));
            o.Conventions.AddFolderApplicationModelConvention("/Host", m => m.EndpointMetadata.Add(new EndpointScopeMetadata(EndpointScope.Host)));
            o.Conventions.AddFolderApplicationModelConvention("/Account", m => m.EndpointMetadata.Add(new EndpointScopeMetadata(EndpointScope.Any)));
        });
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
